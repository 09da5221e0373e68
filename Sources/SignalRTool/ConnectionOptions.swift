import ArgumentParser
import Foundation
import SignalR

/// The options every command shares: the hub, tokens, headers, timers.
struct ConnectionOptions: ParsableArguments {
    @Argument(help: "The hub URL (http, https, ws or wss).")
    var url: String

    @Option(help: ArgumentHelp("An access token, sent as 'Authorization: Bearer' (and as access_token with --access-token-query).", valueName: "token"))
    var token: String?

    @Option(
        name: .customLong("token-command"),
        help: ArgumentHelp(
            "A shell command (run with /bin/sh -c) whose trimmed stdout is the token; run before every negotiate and every connect.",
            valueName: "command"
        )
    )
    var tokenCommand: String?

    @Flag(name: .customLong("access-token-query"), help: "Also send the token as the access_token query parameter (the ProjectX gateway reads it).")
    var accessTokenQuery = false

    @Flag(name: .customLong("skip-negotiation"), help: "Connect straight to the WebSocket without POST /negotiate.")
    var skipNegotiation = false

    @Option(name: .customLong("header"), help: ArgumentHelp("An extra HTTP header (repeatable).", valueName: "name:value"))
    var headers: [String] = []

    @Option(name: .customLong("keep-alive"), help: ArgumentHelp("Seconds without sending after which a Ping is sent (default 15).", valueName: "seconds"))
    var keepAlive: Double?

    @Option(
        name: .customLong("server-timeout"),
        help: ArgumentHelp("Seconds without receiving after which the connection is dropped (default 30).", valueName: "seconds")
    )
    var serverTimeout: Double?

    @Flag(help: "Log connection details to stderr.")
    var verbose = false

    func validate() throws {
        if token != nil, tokenCommand != nil {
            throw ValidationError("Use either --token or --token-command, not both.")
        }
        for header in headers where !header.contains(":") {
            throw ValidationError("--header '\(header)' must be NAME:VALUE.")
        }
        // Finite and at most a day, so that the conversion to milliseconds can never trap.
        for (flag, value) in [("--keep-alive", keepAlive), ("--server-timeout", serverTimeout)] {
            if let value, !(value.isFinite && value > 0 && value <= 86_400) {
                throw ValidationError("\(flag) must be a number of seconds above 0 and at most 86400 (it is \(value)).")
            }
        }
    }

    /// The hub URL, checked.
    func hubURL() throws -> URL {
        guard let url = URL(string: url), let scheme = url.scheme?.lowercased(),
            ["http", "https", "ws", "wss"].contains(scheme), url.host != nil
        else {
            throw ToolFailure("'\(Redaction.url(url))' is not an http(s) or ws(s) URL.")
        }
        return url
    }

    /// Connection options from the flags; `retryPolicy` as given.
    func connectionOptions(retryPolicy: (any RetryPolicy)?) -> HubConnectionOptions {
        var options = HubConnectionOptions()
        options.retryPolicy = retryPolicy
        options.accessTokenInQuery = accessTokenQuery
        options.skipNegotiation = skipNegotiation
        options.headers = headers.map { header in
            let parts = header.split(separator: ":", maxSplits: 1)
            return (String(parts[0]).trimmingCharacters(in: .whitespaces), String(parts.count > 1 ? parts[1] : "").trimmingCharacters(in: .whitespaces))
        }
        if let keepAlive { options.keepAliveInterval = .milliseconds(Int64(keepAlive * 1000)) }
        if let serverTimeout { options.serverTimeout = .milliseconds(Int64(serverTimeout * 1000)) }
        if let token {
            options.accessTokenProvider = { _ in token }
        } else if let tokenCommand {
            options.accessTokenProvider = { _ in try await TokenCommand(command: tokenCommand).run() }
        }
        options.logger = ToolLogging.logger(verbose: verbose)
        return options
    }
}

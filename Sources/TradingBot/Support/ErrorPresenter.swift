import ArgumentParser
import Foundation
import Gateway

/// The single place that turns an error into the one line printed on stderr and the exit status.
///
/// Every line names the cause and the next step. No line ever contains a token or the API key:
/// the gateway's errors are token-free by construction, and the presenter also blanks the known
/// secrets and anything shaped like a JWT, so that an unexpected error text cannot leak one.
enum ErrorPresenter {
    /// What to print and how to exit.
    struct Presentation: Sendable, Equatable {
        let message: String
        let status: ExitReason
    }

    /// Whether `error` is the program's own to present. Anything else (help requests, usage
    /// errors, explicit exit codes, all of which ArgumentParser also raises from `run()`) is left to
    /// ArgumentParser.
    static func presents(_ error: any Error) -> Bool {
        error is CommandFailure || error is CLIError || error is GatewayError || error is HubFailure || error is AccountMonitorError
            || error is CancellationError
    }

    /// The line and exit status for `error`.
    static func present(_ error: any Error) -> Presentation {
        var apiURL: URL?
        var secrets: [String] = []
        var error = error
        if let failure = error as? CommandFailure {
            apiURL = failure.apiURL
            secrets = failure.secrets
            error = failure.underlying
        }
        let raw = classify(error, apiURL: apiURL)
        return Presentation(message: sanitize(raw.message, secrets: secrets), status: raw.status)
    }

    private static func classify(_ error: any Error, apiURL: URL?) -> Presentation {
        switch error {
        case let error as CLIError:
            return Presentation(message: error.message, status: error.status)
        case let error as GatewayError:
            return present(error, apiURL: apiURL)
        case let error as HubFailure:
            return present(error)
        case let error as AccountMonitorError:
            return Presentation(message: error.description, status: error.code == .accountNotFound ? .rejected : .unavailable)
        case let error as ValidationError:
            return Presentation(message: error.message, status: .usage)
        case is CancellationError:
            return Presentation(message: "Interrupted.", status: .interrupted)
        default:
            return Presentation(
                message: "Unexpected error: \(String(describing: error)). Run again with --verbose for details.",
                status: .software
            )
        }
    }

    private static func present(_ error: GatewayError, apiURL: URL?) -> Presentation {
        let address = apiURL.map { " at \($0.absoluteString)" } ?? ""
        switch error {
        case .loginFailed(let code, let meaning, let message):
            let detail = message.map { ": " + $0.trimmingCharacters(in: CharacterSet(charactersIn: ". ")) } ?? ""
            switch code {
            case 1, 2, 3:
                return Presentation(
                    message: "Login refused\(address) (error \(code) \(meaning)\(detail)). Check the user name (the platform login, not an e-mail) "
                        + "and the API key given by --username/--api-key, PROJECTX_USERNAME/PROJECTX_API_KEY or the config file.",
                    status: .authentication
                )
            default:
                return Presentation(message: error.description, status: .authentication)
            }
        case .unauthorized(let endpoint, let status):
            return Presentation(
                message: "The gateway\(address) refused the session token for \(endpoint) (HTTP \(status)) even after a fresh login: "
                    + "the session or API key is no longer accepted. Run `trading-bot login` to check the credentials, or create a new API key.",
                status: .authentication
            )
        case .rejected(let endpoint, let code, let message, let orderId):
            return Presentation(message: rejection(endpoint: endpoint, code: code, message: message, orderId: orderId), status: .rejected)
        case .rateLimited:
            return Presentation(message: error.description, status: .rateLimited)
        case .outcomeUnknown:
            return Presentation(
                message: error.description + " Use `trading-bot orders --account ID` and `trading-bot positions --account ID`.",
                status: .outcomeUnknown
            )
        case .notExecuted:
            // Nothing happened, as when the gateway cannot be reached: try again when it answers.
            return Presentation(message: error.description, status: .unavailable)
        case .unreachable(_, let reason):
            return Presentation(
                message: "Cannot reach the gateway\(address) (\(reason)). Check --api-url or PROJECTX_API_URL and the network; "
                    + "for a local gateway run `trading-bot simulator`.",
                status: .unavailable
            )
        case .badRequest:
            return Presentation(message: error.description, status: .rejected)
        case .httpStatus, .invalidResponse:
            return Presentation(
                message: error.description + " Check that --api-url points at a ProjectX gateway.",
                status: .protocolError
            )
        }
    }

    private static func present(_ failure: HubFailure) -> Presentation {
        let name = "the \(failure.hub) hub at \(failure.url.absoluteString)"
        let hub = "The" + name.dropFirst(3)
        let checkURL = "Check --rtc-url or PROJECTX_RTC_URL (the realtime root, such as https://rtc.topstepx.com; the hubs are under /hubs)"
        switch failure.reason {
        case .connectFailed(let error):
            switch error.code {
            case .authenticationFailed:
                let status = error.httpStatus.map { "HTTP \($0)" } ?? "refused"
                let phase = error.phase.map { " at \($0)" } ?? ""
                return Presentation(
                    message: "\(hub) refused the session token (\(status)\(phase)) even after a fresh login. "
                        + "Run `trading-bot login` to check the credentials; if that works, the realtime URL may belong to another gateway. \(checkURL).",
                    status: .authentication
                )
            case .httpStatus:
                let status = error.httpStatus.map { "HTTP \($0)" } ?? "an unexpected HTTP status"
                let phase = error.phase.map { " at \($0)" } ?? ""
                return Presentation(message: "\(hub) answered \(status)\(phase). \(checkURL).", status: .unavailable)
            case .protocolViolation:
                return Presentation(
                    message: "\(hub) did not answer as a SignalR hub (\(error.description.trimmingCharacters(in: CharacterSet(charactersIn: ". ")))). \(checkURL).",
                    status: .protocolError
                )
            case .tokenUnavailable:
                return Presentation(
                    message: "\(hub) could not get a session token (\(error.description.trimmingCharacters(in: CharacterSet(charactersIn: ". ")))). Run `trading-bot login` to check the credentials.",
                    status: .authentication
                )
            default:
                return Presentation(
                    message: "Cannot connect to \(name) (\(error.description.trimmingCharacters(in: CharacterSet(charactersIn: ". ")))). "
                        + "\(checkURL), and the network; for a local gateway run `trading-bot simulator`.",
                    status: .unavailable
                )
            }
        case .connectFailedOther(let detail):
            return Presentation(message: "Cannot connect to \(name) (\(detail)). \(checkURL).", status: .unavailable)
        case .subscriptionRefused(let subscription, let message):
            return Presentation(
                message: "\(hub) refused the subscription to \(subscription): \(message.trimmingCharacters(in: CharacterSet(charactersIn: ". "))). "
                    + "Check the contract with `trading-bot contracts show` or the account with `trading-bot accounts`.",
                status: .rejected
            )
        case .subscriptionUnanswered(let subscription, let error):
            return Presentation(
                message: "\(hub) did not answer the subscription to \(subscription) in time (\(error.description.trimmingCharacters(in: CharacterSet(charactersIn: ". ")))). "
                    + "The gateway may be overloaded: try again; `trading-bot ping` tells whether it answers, and PROJECTX_REQUEST_TIMEOUT or \"requestTimeout\" in the config file sets the limit.",
                status: .unavailable
            )
        case .subscriptionLost(let reason):
            return Presentation(
                message: "\(hub) dropped a subscription this stream needs after reconnecting (\(reason)). Start the command again.",
                status: .unavailable
            )
        case .stopped(let reason):
            return Presentation(
                message: "\(hub) stopped: \(reason). Start the command again; `trading-bot ping` tells whether the gateway answers.",
                status: .unavailable
            )
        }
    }

    /// "Order/place was refused: Invalid limit price (error 2 OrderRejected). The order was not placed."
    static func rejection(endpoint: GatewayEndpoint, code: Int, message: String?, orderId: Int64?) -> String {
        let meaning = endpoint.meaning(of: code)
        let reason = message.flatMap { $0.isEmpty ? nil : $0 } ?? meaning
        let codeNote = code == 0 ? "" : " (error \(code) \(meaning))"
        var line = "\(endpoint) was refused: \(reason.trimmingCharacters(in: CharacterSet(charactersIn: ". ")))\(codeNote)."
        if endpoint == .placeOrder {
            line += orderId.map { " Order \($0) was created in a rejected state." } ?? " The order was not placed."
        }
        switch meaning {
        case "AccountNotFound":
            line += " List your accounts with `trading-bot accounts`."
        case "ContractNotFound", "ContractNotActive":
            line += " Find the contract with `trading-bot contracts search TEXT`."
        case "OrderNotFound":
            line += " List working orders with `trading-bot orders --account ID --open`."
        case "PositionNotFound":
            line += " List open positions with `trading-bot positions --account ID`."
        case "OutsideTradingHours":
            line += " Try again when the market is open."
        case "AccountRejected":
            line += " Use the trading platform for this account."
        default:
            break
        }
        return line
    }

    /// Blanks secrets and JWT-shaped text, and keeps the message on one line.
    static func sanitize(_ message: String, secrets: [String]) -> String {
        var text = message
        for secret in secrets where secret.count >= 4 {
            text = text.replacingOccurrences(of: secret, with: "<redacted>")
        }
        text = redactAccessTokens(text)
        text = redactJWTs(text)
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    /// Replaces every JWT-shaped run (`eyJ…` header, three base64url segments of 10+ characters)
    /// with a marker.
    static func redactJWTs(_ text: String) -> String {
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            let runEnd = text[index...].firstIndex { !isTokenCharacter($0) } ?? text.endIndex
            if runEnd > index {
                let run = text[index..<runEnd]
                let segments = run.split(separator: ".", omittingEmptySubsequences: false)
                if segments.count == 3, run.hasPrefix("eyJ"), segments.allSatisfy({ $0.count >= 10 }) {
                    result += "<redacted token, \(run.utf8.count) chars>"
                } else {
                    result += run
                }
                index = runEnd
            } else {
                result.append(text[index])
                index = text.index(after: index)
            }
        }
        return result
    }

    /// Blanks the value of every `access_token=` query parameter.
    static func redactAccessTokens(_ text: String) -> String {
        var result = text
        var searchStart = result.startIndex
        while let range = result.range(of: "access_token=", range: searchStart..<result.endIndex) {
            let valueEnd = result[range.upperBound...].firstIndex { $0 == "&" || $0 == " " || $0 == ")" || $0 == "\"" } ?? result.endIndex
            result.replaceSubrange(range.upperBound..<valueEnd, with: "REDACTED")
            searchStart = result.index(range.upperBound, offsetBy: "REDACTED".count)
        }
        return result
    }

    private static func isTokenCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "-" || character == "_" || character == ".")
    }
}

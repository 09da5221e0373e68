import Foundation
import GatewaySimulator
import Testing
import TestGate

/// Every failure a user meets: one line on stderr naming the cause and the next step, the exit
/// status of its kind, nothing on stdout, never a token or the API key.
@Suite("Error paths of the command-line program", .gated)
struct ErrorPathTests {
    static let practice = SimulatorHarness.practice

    /// Checks the shape every runtime error shares.
    func expectOneLineError(_ result: CommandResult, status: Int32, containing parts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == status, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderrLines.count == 1, "\(result)", sourceLocation: sourceLocation)
        // With --json the line is a JSON object (see JSONErrorTests); otherwise a sentence.
        let json = result.arguments.contains("--json")
        #expect(json ? result.stderr.hasPrefix("{\"error\":") : result.stderr.hasPrefix("error: "), "\(result)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "\(result)", sourceLocation: sourceLocation)
        for part in parts { #expect(result.stderr.contains(part), "missing '\(part)': \(result)", sourceLocation: sourceLocation) }
        for secret in ["eyJ", SimulatedUser.defaultApiKey, "Fatal error", "Stack dump"] {
            #expect(!result.stderr.contains(secret), "leaked '\(secret)': \(result)", sourceLocation: sourceLocation)
        }
    }

    @Test func wrongCredentials() async throws {
        try await SimulatorHarness.with { sim in
            for arguments in [["login"], ["accounts", "--json"]] {
                let result = try await ProcessRunner.run(arguments, environment: sim.environment.merging(["PROJECTX_API_KEY": "wrong-key"]) { $1 })
                expectOneLineError(result, status: 77, containing: ["Login refused at \(sim.apiURL)", "InvalidCredentials", "PROJECTX_API_KEY"])
                #expect(!result.stderr.contains("wrong-key"))
            }
        }
    }

    @Test func unknownContract() async throws {
        try await SimulatorHarness.with { sim in
            expectOneLineError(try await sim.run("contracts", "show", "NOPE"), status: 65, containing: ["Unknown contract \"NOPE\"", "trading-bot contracts search NOPE"])
            expectOneLineError(try await sim.run("contracts", "show", "CON.F.US.NOPE.Z26"), status: 65, containing: ["Unknown contract \"CON.F.US.NOPE.Z26\""])
            expectOneLineError(try await sim.run("bars", "NOPE", "--unit", "day"), status: 65, containing: ["Unknown contract"])
            let order = try await sim.run("order", "place", "--account", Self.practice.name, "--contract", "NOPE", "--side", "buy", "--type", "market", "--size", "1")
            expectOneLineError(order, status: 65, containing: ["Unknown contract \"NOPE\""])
        }
    }

    @Test func rejectedOrders() async throws {
        try await SimulatorHarness.with { sim in
            // A buy stop below the market.
            let stop = try await sim.run("order", "place", "--account", Self.practice.name, "--contract", "MES", "--side", "buy", "--type", "stop", "--stop", "100", "--size", "1")
            expectOneLineError(stop, status: 65, containing: ["Order/place was refused: Invalid stop price", "(error 2 OrderRejected)", "The order was not placed."])

            // Brackets on an account in Position Brackets mode: created, rejected, its id reported.
            let bracket = try await sim.run(
                "order", "place", "--account", SimulatorHarness.combine.name, "--contract", "MES", "--side", "buy", "--type", "market", "--size", "1", "--stop-loss-ticks", "4", "--yes"
            )
            expectOneLineError(bracket, status: 65, containing: ["Brackets cannot be used with Position Brackets", "was created in a rejected state"])

            // A breached account may not trade.
            let breached = try await sim.run("order", "place", "--account", String(SimulatorHarness.breached.id), "--contract", "MES", "--side", "buy", "--type", "market", "--size", "1", "--yes")
            expectOneLineError(breached, status: 65, containing: ["AccountViolation"])

            // The market is closed.
            await sim.simulator.faults.setMarketClosed(true)
            let closed = try await sim.run("order", "place", "--account", Self.practice.name, "--contract", "MES", "--side", "buy", "--type", "market", "--size", "1")
            expectOneLineError(closed, status: 65, containing: ["OutsideTradingHours", "Try again when the market is open."])
        }
    }

    @Test func otherRefusals() async throws {
        try await SimulatorHarness.with { sim in
            expectOneLineError(try await sim.run("order", "cancel", "--account", Self.practice.name, "42"), status: 65, containing: ["Order/cancel was refused", "OrderNotFound", "orders --account ID --open"])
            expectOneLineError(try await sim.run("order", "modify", "--account", Self.practice.name, "42", "--size", "2"), status: 65, containing: ["Order/modify was refused", "OrderNotFound"])
            expectOneLineError(try await sim.run("close", "--account", Self.practice.name, "--contract", "MES"), status: 65, containing: ["Position/closeContract was refused", "PositionNotFound", "positions --account ID"])
            expectOneLineError(try await sim.run("close", "--account", Self.practice.name, "--contract", "MES", "--size", "1"), status: 65, containing: ["Position/partialCloseContract was refused"])
            expectOneLineError(try await sim.run("positions", "--account", "nobody"), status: 65, containing: ["No account with the id or exact name \"nobody\"", "trading-bot accounts --all"])
            expectOneLineError(try await sim.run("orders", "--account", "999"), status: 65, containing: ["\"999\""])
        }
    }

    @Test func unreachableServer() async throws {
        // A port that was just closed: a simulator that has stopped.
        let closedURL = try await SimulatorHarness.with { sim in sim.apiURL }
        try await SimulatorHarness.with { sim in
            let result = try await sim.run("accounts", environment: ["PROJECTX_API_URL": closedURL])
            expectOneLineError(result, status: 69, containing: ["Cannot reach the gateway at \(closedURL)", "--api-url"])
            let login = try await sim.run("login", "--api-url", closedURL, "--json")
            expectOneLineError(login, status: 69, containing: ["Cannot reach the gateway"])
        }
    }

    @Test func refusedToken() async throws {
        // Every token is already expired when it is presented, even right after a fresh login:
        // the client refreshes once, is refused again, and reports it.
        let clock = SteppingClock(step: 30)
        try await SimulatorHarness.with({ configuration in
            configuration.clock = clock.wallClock
            configuration.tokenLifetime = 1
        }) { sim in
            let result = try await sim.run("accounts")
            expectOneLineError(result, status: 77, containing: ["refused the session token", "HTTP 401", "trading-bot login"])
        }
    }

    @Test func missingAccount() async throws {
        try await SimulatorHarness.with { sim in
            for arguments in [
                ["order", "place", "--contract", "MES", "--side", "buy", "--type", "market", "--size", "1"],
                ["order", "cancel", "42"], ["close", "--contract", "MES"], ["flatten"],
            ] {
                let result = try await ProcessRunner.run(arguments, environment: sim.environment)
                #expect(result.status == 64, "\(result)")
                #expect(result.stderr.contains("Missing expected argument '--account <id-or-name>'"), "\(result)")
                #expect(result.stdout.isEmpty)
            }
            // Read commands would take a default account; without one they say how to set it.
            for arguments in [["positions"], ["orders"], ["fills"], ["order", "show", "42"]] {
                let result = try await ProcessRunner.run(arguments, environment: sim.environment)
                #expect(result.status == 64, "\(result)")
                #expect(result.stderr.contains("No account: pass --account ID-OR-NAME, set PROJECTX_ACCOUNT, or add \"account\" to "), "\(result)")
                #expect(result.stdout.isEmpty)
            }
            #expect(try await sim.run("orders", "--account", Self.practice.name, "--open", "--json").stdout.isEmpty)
        }
    }

    @Test func invalidCombinationsAreRefusedBeforeAnyRequest() async throws {
        // The gateway address is a closed port: reaching it would be exit 69, not 64.
        let closedURL = try await SimulatorHarness.with { sim in sim.apiURL }
        try await SimulatorHarness.with { sim in
            let cases: [([String], String)] = [
                (["--type", "limit"], "A limit order needs --limit PRICE."),
                (["--type", "stop"], "A stop order needs --stop PRICE."),
                (["--type", "trailing"], "A trailing order needs --trail PRICE"),
                (["--type", "market", "--limit", "5000"], "A market order takes no --limit"),
                (["--type", "market", "--stop-loss-ticks", "0"], "--stop-loss-ticks is a distance in ticks"),
            ]
            for (flags, message) in cases {
                let result = try await ProcessRunner.run(
                    ["order", "place", "--account", Self.practice.name, "--contract", "MES", "--side", "buy", "--size", "1"] + flags,
                    environment: sim.environment.merging(["PROJECTX_API_URL": closedURL]) { $1 }
                )
                #expect(result.status == 64, "\(result)")
                #expect(result.stderr.contains(message), "\(result)")
            }
            let zero = try await sim.run("order", "place", "--account", "1", "--contract", "MES", "--side", "buy", "--type", "market", "--size", "0")
            #expect(zero.status == 64 && zero.stderr.contains("--size must be 1 or more"))
            let nothing = try await sim.run("order", "modify", "--account", "1", "42")
            #expect(nothing.status == 64 && nothing.stderr.contains("Nothing to change"))
            let side = try await sim.run("order", "place", "--account", "1", "--contract", "MES", "--side", "long", "--type", "market", "--size", "1")
            #expect(side.status == 64)

            // Off the tick grid: known once the contract is resolved; still nothing is sent.
            let tick = try await sim.run("order", "place", "--account", Self.practice.name, "--contract", "MES", "--side", "buy", "--type", "limit", "--limit", "100.1", "--size", "1")
            expectOneLineError(tick, status: 64, containing: ["--limit 100.1 is not a multiple of MESZ6's tick size 0.25; use 100 or 100.25."])
            #expect(try await sim.run("orders", "--account", Self.practice.name, "--json").stdout.isEmpty)
        }
    }

    @Test func nonSimulatedAccountNeedsYes() async throws {
        try await SimulatorHarness.with { sim in
            let live = SimulatorHarness.live
            let place = ["order", "place", "--account", live.name, "--contract", "MES", "--side", "buy", "--type", "limit", "--limit", "100", "--size", "1"]
            let refused = try await ProcessRunner.run(place, environment: sim.environment)
            expectOneLineError(refused, status: 64, containing: ["Account \(live.name) (\(live.id)) is NOT simulated (real money)", "stdin is not a terminal", "Add --yes"])
            // An answer on a pipe is not a terminal: still refused.
            let piped = try await ProcessRunner.run(place, environment: sim.environment, stdin: "yes\n")
            #expect(piped.status == 64, "\(piped)")
            #expect(try await sim.run("orders", "--account", live.name, "--open", "--json").stdout.isEmpty)

            for arguments in [["close", "--account", live.name, "--contract", "MES"], ["order", "cancel", "--account", live.name, "1"]] {
                let result = try await ProcessRunner.run(arguments, environment: sim.environment)
                expectOneLineError(result, status: 64, containing: ["is NOT simulated", "--yes"])
            }

            let confirmed = try await ProcessRunner.run(place + ["--yes", "--json"], environment: sim.environment)
            #expect(confirmed.status == 0, "\(confirmed)")
            #expect(try await sim.run("orders", "--account", live.name, "--open", "--json").jsonObjects().count == 1)
            // A flatten with something to remove asks too (on a flat account it sends nothing, so it does not ask).
            expectOneLineError(try await ProcessRunner.run(["flatten", "--account", live.name], environment: sim.environment), status: 64, containing: ["is NOT simulated", "--yes"])
            #expect(try await sim.run("orders", "--account", live.name, "--open", "--json").jsonObjects().count == 1)
            // Practice accounts never ask.
            let practice = try await sim.run("order", "place", "--account", Self.practice.name, "--contract", "MES", "--side", "buy", "--type", "limit", "--limit", "100", "--size", "1")
            #expect(practice.status == 0, "\(practice)")
        }
    }

    @Test func configurationFileLimitsOrderSizeAndSuppliesCredentials() async throws {
        try await SimulatorHarness.with { sim in
            try sim.writeConfig(#"{"username": "simtrader", "apiKey": "sim-api-key", "apiUrl": "\#(sim.apiURL)", "maxOrderSize": 2}"#)
            let fromFile = ["PROJECTX_USERNAME": "", "PROJECTX_API_KEY": "", "PROJECTX_API_URL": ""]
            let accounts = try await sim.run("accounts", "--json", environment: fromFile)
            #expect(accounts.status == 0, "\(accounts)")
            #expect(try accounts.jsonObjects().count == 4)

            let tooBig = try await sim.run("order", "place", "--account", Self.practice.name, "--contract", "MES", "--side", "buy", "--type", "market", "--size", "3", environment: fromFile)
            expectOneLineError(tooBig, status: 64, containing: ["Size 3 exceeds maxOrderSize 2 set in \(sim.home.path)/config/trading-bot/config.json"])
            let modify = try await sim.run("order", "modify", "--account", Self.practice.name, "42", "--size", "5", environment: fromFile)
            expectOneLineError(modify, status: 64, containing: ["exceeds maxOrderSize 2"])
            let fits = try await sim.run("order", "place", "--account", Self.practice.name, "--contract", "MES", "--side", "buy", "--type", "market", "--size", "2", environment: fromFile)
            #expect(fits.status == 0, "\(fits)")

            // The environment overrides the file: a wrong key there wins and fails.
            let overridden = try await sim.run("accounts", environment: ["PROJECTX_API_KEY": "env-wrong"])
            #expect(overridden.status == 77, "\(overridden)")
            // And a flag overrides the environment.
            let flag = try await sim.run("accounts", "--api-key", "sim-api-key", environment: ["PROJECTX_API_KEY": "env-wrong"])
            #expect(flag.status == 0, "\(flag)")
        }
    }

    @Test func configurationErrors() async throws {
        try await SimulatorHarness.with { sim in
            expectOneLineError(try await sim.run("accounts", environment: ["PROJECTX_API_KEY": ""]), status: 78, containing: ["No API key", "PROJECTX_API_KEY", "--api-key", "\"apiKey\""])
            expectOneLineError(try await sim.run("accounts", environment: ["PROJECTX_USERNAME": ""]), status: 78, containing: ["No user name"])
            expectOneLineError(try await sim.run("accounts", "--api-url", "ftp://example"), status: 78, containing: ["--api-url is \"ftp://example\""])
            expectOneLineError(try await sim.run("accounts", "--config", "/nonexistent/tb.json"), status: 78, containing: ["/nonexistent/tb.json", "does not exist"])
            try sim.writeConfig(#"{"apikey": "typo"}"#)
            expectOneLineError(try await sim.run("accounts"), status: 78, containing: ["Unknown key \"apikey\""])
        }
    }

    @Test func rateLimitedReadsRetryThenReport() async throws {
        try await SimulatorHarness.with { sim in
            // Login, then every request answers 429 for a while: reads retry (Retry-After 1 s) and give up.
            sim.simulator.faults.injectRateLimitBurst(requests: 1_000, duration: nil)
            let result = try await sim.run("contracts", "available")
            expectOneLineError(result, status: 75, containing: ["rate limited (HTTP 429)"])
        }
    }

    @Test func verboseLogsGoToStderrWithoutSecrets() async throws {
        try await SimulatorHarness.with { sim in
            let result = try await sim.run("accounts", "--json", "--verbose")
            #expect(result.status == 0, "\(result)")
            #expect(try result.jsonObjects().count == 4)
            #expect(result.stderr.contains("Configuration resolved"), "\(result)")
            #expect(result.stderr.contains("Session token ready"), "\(result)")
            #expect(!result.stderr.contains("eyJ"))
            #expect(!result.stderr.contains(SimulatedUser.defaultApiKey))
        }
    }
}

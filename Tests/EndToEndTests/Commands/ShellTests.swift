import Foundation
import Testing
import TestGate

/// `trading-bot shell` driven through a pipe: the program's commands on one session (one login,
/// hubs kept connected), errors that do not end the session, built-ins, refused lines.
@Suite("The shell through a pipe", .gated)
struct ShellTests {
    @Test func aLinesTimeZoneAppliesToThatLineOnly() async throws {
        try await SimulatorHarness.with { sim in
            let result = try await sim.run("shell", stdin: "login --tz UTC\nlogin --tz Nowhere\nlogin\n")
            #expect(result.status == 0, "\(result)")
            let lines = result.lines.filter { $0.hasPrefix("Logged in as ") }
            #expect(lines.count == 2, "\(result)")
            #expect(lines.first?.contains(" UTC (in ") == true, "\(result)")
            #expect(lines.last?.contains(" CST (in ") == true || lines.last?.contains(" CDT (in ") == true, "the session's zone again: \(result)")
            #expect(result.stderr.contains(#"--tz is "Nowhere", which is not a time zone"#), "\(result)")
        }
    }

    @Test func severalCommandsShareOneLogin() async throws {
        try await SimulatorHarness.with(StreamingSimulator.configure) { sim in
            let script = """
                accounts
                quote MES --count 2
                quote MES --count 2 --json
                trades MES --count 1
                depth MES --levels 2 --count 1 --json
                positions --account \(SimulatorHarness.practice.name)
                ping

                # a comment line
                orders --account \(SimulatorHarness.practice.id) --open
                """
            let result = try await sim.run("shell", stdin: script + "\n")
            #expect(result.status == 0, "\(result)")
            #expect(result.stderr.isEmpty, "\(result)")
            let lines = result.lines
            #expect(lines.first == "     ID  NAME                        BALANCE  CAN TRADE  SIMULATED", "\(result)")
            #expect(lines.filter { $0.hasPrefix("TIME (UTC)    CONTRACT       LAST") }.count == 1)
            #expect(lines.filter { $0.contains("  MESZ6  ") && $0.contains("(") }.count == 2, "\(result)")
            let json = lines.filter { $0.hasPrefix("{") }
            #expect(json.count == 3, "\(result)")
            #expect(json.filter { $0.contains(#""type":"quote""#) }.count == 2)
            #expect(json.filter { $0.contains(#""type":"depth""#) }.count == 1)
            #expect(lines.contains("No open positions on \(SimulatorHarness.practice.name)."))
            #expect(lines.contains { $0.hasPrefix("The gateway at \(sim.apiURL) answered pong in ") })
            #expect(lines.last == "No working orders on \(SimulatorHarness.practice.name).")
            #expect(!result.stdout.contains("trading-bot> "), "no prompt without a terminal")
            // One session: the simulator issued exactly one token for all of it.
            #expect(await sim.simulator.core.tokens.liveTokenCount == 1)
        }
    }

    @Test func failuresAreOneLineAndTheSessionGoesOn() async throws {
        try await SimulatorHarness.with { sim in
            let script = """
                bogus
                order show --account \(SimulatorHarness.practice.id) 999
                quote
                accounts --username someone-else
                demo
                help orders
                "unclosed
                accounts --json
                """
            let result = try await sim.run("shell", stdin: script + "\n")
            #expect(result.status == 0, "the last command succeeded: \(result)")
            let errors = result.stderrLines
            #expect(errors.contains("error: unknown command `bogus`; `help` lists the commands."), "\(errors)")
            #expect(errors.contains { $0.hasPrefix("error: Order/searchById was refused: ") }, "\(errors)")
            #expect(errors.contains { $0.contains("Give at least one contract") }, "\(errors)")
            #expect(errors.contains { $0.hasPrefix("error: the gateway and credentials are set when the shell starts") }, "\(errors)")
            #expect(errors.contains { $0.hasPrefix("error: `demo` does not run inside the shell") }, "\(errors)")
            #expect(errors.contains { $0.hasPrefix("error: The line has an unclosed \" quote") }, "\(errors)")
            #expect(result.stdout.contains("USAGE: trading-bot orders"), "help for a command: \(result)")
            #expect(result.lines.filter { $0.hasPrefix("{") }.count == 4)
            #expect(await sim.simulator.core.tokens.liveTokenCount == 1)
        }
    }

    @Test func exitLeavesAndTheStatusIsTheLastCommands() async throws {
        try await SimulatorHarness.with { sim in
            let left = try await sim.run("shell", stdin: "accounts --json\nexit\naccounts --json\n")
            #expect(left.status == 0, "\(left)")
            #expect(try left.jsonObjects().count == 4, "commands after exit do not run: \(left)")

            let failed = try await sim.run("shell", stdin: "accounts --json\norder show --account 8101001 42\n")
            #expect(failed.status == 65, "\(failed)")

            let help = try await sim.run("shell", stdin: "help\nquit\n")
            #expect(help.status == 0)
            #expect(help.lines.first == "Commands (add --json to any; `help COMMAND` or `COMMAND --help` explains one):")
            for name in ["quote", "depth", "trades", "watch", "ping", "logout", "orders"] {
                #expect(help.lines.contains { $0.hasPrefix("  \(name) ") }, "\(name) missing: \(help)")
            }
            #expect(!help.lines.contains { $0.hasPrefix("  shell ") || $0.hasPrefix("  demo ") })
        }
    }

    @Test func logoutEndsTheSessionAndTheNextCommandLogsInAgain() async throws {
        try await SimulatorHarness.with(StreamingSimulator.configure) { sim in
            let result = try await sim.run("shell", stdin: "quote MES --count 1 --json\nlogout\nquote MES --count 1 --json\n")
            #expect(result.status == 0, "\(result)")
            #expect(result.lines.contains("Logged out of \(sim.apiURL): the session token is no longer accepted."), "\(result)")
            #expect(result.lines.filter { $0.contains(#""type":"quote""#) }.count == 2, "\(result)")
            // The first token was revoked by the logout; the second session has its own.
            #expect(await sim.simulator.core.tokens.liveTokenCount == 1)
        }
    }

    @Test func noHistoryFileWithoutATerminal() async throws {
        try await SimulatorHarness.with { sim in
            let result = try await sim.run("shell", stdin: "ping\n")
            #expect(result.status == 0)
            let history = sim.home.appendingPathComponent("config/trading-bot/history")
            #expect(!FileManager.default.fileExists(atPath: history.path))
        }
    }
}

import Foundation
import Testing
@testable import TradingBot
import TestGate

/// `--tz`, `PROJECTX_TIME_ZONE` and the `--from`/`--to` forms, through `orders` and `fills` run as
/// child processes against the simulator.
@Suite("Display zone and time arguments against the simulator", .gated)
struct TimeZoneCommandTests {
    static let practice = SimulatorHarness.practice

    /// Places a resting limit order on the practice account; its creation time, as JSON gives it.
    static func placeRestingOrder(_ sim: SimulatorHarness) async throws -> Date {
        let placed = try await sim.run(
            "order", "place", "--account", practice.name, "--contract", "MES", "--side", "buy", "--type", "limit", "--limit", "100", "--size", "1"
        )
        #expect(placed.status == 0, "\(placed)")
        let orders = try await sim.run("orders", "--account", practice.name, "--json").jsonObjects()
        let text = try #require(orders.first?["creationTimestamp"] as? String)
        return try Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    @Test func tablesShowTheExchangeZoneByDefaultAndTheChosenOneOtherwise() async throws {
        try await SimulatorHarness.with { sim in
            let created = try await Self.placeRestingOrder(sim)
            let chicago = TimeDisplay(zone: try #require(TimeZone(identifier: "America/Chicago")))

            let byDefault = try await sim.run("orders", "--account", Self.practice.name)
            #expect(byDefault.status == 0, "\(byDefault)")
            #expect(byDefault.lines.first?.contains("CREATED") == true && byDefault.lines.first?.contains("(UTC)") == false, "\(byDefault)")
            #expect(byDefault.stdout.contains(chicago.stamp(created)), "\(byDefault)")
            #expect(["CST", "CDT"].contains(chicago.label(at: created)))

            let utc = try await sim.run("orders", "--account", Self.practice.name, "--tz", "UTC")
            #expect(utc.stdout.contains(TimeDisplay.utc.stamp(created)), "\(utc)")
            #expect(TimeDisplay.utc.stamp(created).hasSuffix(" UTC"))

            let tokyo = try await sim.run("orders", "--account", Self.practice.name, environment: ["PROJECTX_TIME_ZONE": "Asia/Tokyo"])
            #expect(tokyo.stdout.contains(TimeDisplay(zone: try #require(TimeZone(identifier: "Asia/Tokyo"))).stamp(created)), "\(tokyo)")

            // JSON stays UTC whatever the zone.
            let json = try await sim.run("orders", "--account", Self.practice.name, "--tz", "Asia/Tokyo", "--json")
            #expect((try json.jsonObjects().first?["creationTimestamp"] as? String)?.hasSuffix("Z") == true, "\(json)")

            let unknown = try await sim.run("orders", "--account", Self.practice.name, "--tz", "Mars/Olympus")
            #expect(unknown.status == 78, "\(unknown)")
            #expect(unknown.stderr.contains(#"--tz is "Mars/Olympus", which is not a time zone"#), "\(unknown)")
            #expect(unknown.stderr.contains("timedatectl list-timezones"), "\(unknown)")
        }
    }

    @Test func relativeAndZonedWindowsSelectTheOrders() async throws {
        try await SimulatorHarness.with { sim in
            _ = try await Self.placeRestingOrder(sim)
            // `-2h` after the option, as typed: not mistaken for a flag.
            for window in [["--from", "-2h"], ["--from", "today", "--tz", "UTC"], ["--from", "yesterday"], ["--from", "-1w", "--to", "now"]] {
                let listed = try await sim.run(["orders", "--account", Self.practice.name, "--json"] + window)
                #expect(listed.status == 0, "\(window): \(listed)")
                #expect(try listed.jsonObjects().count == 1, "\(window): \(listed)")
            }
            let before = try await sim.run("orders", "--account", Self.practice.name, "--from", "-3d", "--to", "-2d", "--json")
            #expect(before.status == 0 && before.stdout.isEmpty, "\(before)")

            let misspelt = try await sim.run("fills", "--account", Self.practice.name, "--from", "yesterdy")
            #expect(misspelt.status == 64, "\(misspelt)")
            #expect(misspelt.stderr.contains(#""yesterdy" is not a time; use now, today, yesterday, a time before now (-30m, -2h, -3d, -1w)"#), "\(misspelt)")

            let backwards = try await sim.run("orders", "--account", Self.practice.name, "--from", "now", "--to", "-1h")
            #expect(backwards.status == 64, "\(backwards)")
            #expect(backwards.stderr.contains("--from must not be after --to"), "\(backwards)")

            let skipped = try await sim.run("fills", "--account", Self.practice.name, "--from", "2026-03-08T02:30")
            #expect(skipped.status == 64, "\(skipped)")
            #expect(skipped.stderr.contains("--from 2026-03-08T02:30 does not exist in America/Chicago"), "\(skipped)")
        }
    }
}

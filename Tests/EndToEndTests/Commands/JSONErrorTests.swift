import Foundation
import Testing
import TestGate

/// With `--json`, an error is one JSON object on stderr (message, exit code and its name), so a
/// script reading JSON lines never has to parse a sentence.
@Suite("Errors as JSON with --json", .gated)
struct JSONErrorTests {
    static func object(_ stderr: String) throws -> [String: Any] {
        let line = try #require(stderr.split(separator: "\n").last.map(String.init))
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(stderr)")
    }

    @Test func gatewayAndUsageErrors() async throws {
        let unreachable = try await ProcessRunner.run(
            ["accounts", "--json"],
            environment: ["PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "PROJECTX_API_URL": "http://127.0.0.1:9", "PROJECTX_USERNAME": "u", "PROJECTX_API_KEY": "k"])
        #expect(unreachable.status == 69)
        let error = try Self.object(unreachable.stderr)
        #expect(error["exitCode"] as? Int == 69 && error["reason"] as? String == "unavailable")
        #expect((error["error"] as? String)?.contains("127.0.0.1:9") == true)
        #expect(unreachable.stdout.isEmpty)

        let usage = try await ProcessRunner.run(["orders", "--json", "--account", "1", "--page", "0"], environment: ["PATH": "/usr/bin:/bin"])
        #expect(usage.status == 64)
        let usageError = try Self.object(usage.stderr)
        #expect(usageError["exitCode"] as? Int == 64 && (usageError["error"] as? String)?.hasPrefix("--page") == true, "\(usage.stderr)")

        let human = try await ProcessRunner.run(["orders", "--account", "1", "--page", "0"], environment: ["PATH": "/usr/bin:/bin"])
        #expect(human.status == 64 && !human.stderr.hasPrefix("{"), "without --json errors stay sentences")
    }
}

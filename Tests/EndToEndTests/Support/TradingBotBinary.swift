import Foundation

/// Finds the built `trading-bot` executable next to the test runner (SwiftPM puts every product of
/// a build in one directory), or in `.build/debug` of this package. Tests never build it: a missing
/// binary is a clear failure that says how to build it.
enum TradingBotBinary {
    struct Missing: Error, CustomStringConvertible {
        let searched: [String]
        var description: String {
            "The trading-bot executable was not found (looked in: \(searched.joined(separator: ", "))). "
                + "Build it with `swift build --product trading-bot`, or set TRADING_BOT_BINARY to its path."
        }
    }

    /// The executable's location.
    static func locate() throws -> URL {
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["TRADING_BOT_BINARY"], !override.isEmpty {
            candidates.append(URL(fileURLWithPath: override))
        }
        if let runner = CommandLine.arguments.first {
            candidates.append(URL(fileURLWithPath: runner).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("trading-bot"))
        }
        if let bundle = Bundle.main.executableURL {
            candidates.append(bundle.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("trading-bot"))
        }
        // Tests/EndToEndTests/Support/TradingBotBinary.swift -> the package root.
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/trading-bot"))
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        throw Missing(searched: candidates.map(\.path))
    }
}

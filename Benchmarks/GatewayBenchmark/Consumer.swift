import Foundation

/// Runs one consumer process and reads its JSON line.
enum Consumer {
    static func run(
        _ command: [String], base: String, contracts: [String], seconds: Double,
        during: @escaping @Sendable () async -> Void = {}
    ) async throws -> ConsumerFigures {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst()) + ["--base", base, "--contracts", contracts.joined(separator: ","), "--seconds", String(seconds)]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
        let side = Task { await during() }
        // A thread of its own, not the cooperative pool: blocking one of its (two) threads would
        // starve the in-process simulator. DispatchQueue.global() would not do: on Linux Swift
        // concurrency runs on those same threads; a queue of its own gets an overcommitting one.
        let data = await withCheckedContinuation { continuation in
            DispatchQueue(label: "gateway-benchmark.consumer-output").async { continuation.resume(returning: output.fileHandleForReading.readDataToEndOfFile()) }
        }
        process.waitUntilExit()
        side.cancel()
        guard process.terminationStatus == 0,
            let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last(where: { $0.hasPrefix("{") })
        else {
            return ConsumerFigures(client: command.last ?? "?", messages: 0, seconds: 0, rate: 0, latencyP50: nil, latencyP99: nil, latencyHistogram: nil,
                                   peakRSSMiB: nil, cpuSeconds: nil, broken: "exit \(process.terminationStatus)", recoveryMilliseconds: nil)
        }
        return try JSONDecoder().decode(ConsumerFigures.self, from: Data(line.utf8))
    }
}

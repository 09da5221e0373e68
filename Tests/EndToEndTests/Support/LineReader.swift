import Dispatch
import Foundation
import NIOConcurrencyHelpers

/// Reads lines from a pipe as they arrive. Each blocking read runs on the reader's own dispatch
/// queue, never on Swift concurrency's cooperative pool: with two cores that pool has two
/// threads, and two blocked readers would starve everything else in the test process (the
/// in-process simulator included).
final class LineReader: Sendable {
    private let handle: FileHandle
    private let buffer = NIOLockedValueBox(Data())
    private let queue = DispatchQueue(label: "line-reader")

    init(_ handle: FileHandle) {
        self.handle = handle
    }

    /// Everything left until the pipe closes, as text (read off the cooperative pool too).
    func remainingText() async -> String {
        var lines: [String] = []
        while let line = await nextLine() { lines.append(line) }
        return lines.joined(separator: "\n")
    }

    /// The next line, or nil when the pipe closed.
    func nextLine() async -> String? {
        await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: self.readLine())
            }
        }
    }

    private func readLine() -> String? {
        while true {
            let line = buffer.withLockedValue { data -> String? in
                guard let newline = data.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
                let line = String(decoding: data[data.startIndex..<newline], as: UTF8.self)
                data.removeSubrange(data.startIndex...newline)
                return line
            }
            if let line { return line }
            let chunk = handle.availableData
            if chunk.isEmpty { return nil }
            buffer.withLockedValue { $0.append(chunk) }
        }
    }
}

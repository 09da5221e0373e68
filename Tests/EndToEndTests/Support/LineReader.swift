import Foundation
import Synchronization

/// Reads lines from a pipe as they arrive (each blocking read runs off the cooperative pool).
final class LineReader: Sendable {
    private let handle: FileHandle
    private let buffer = Mutex(Data())

    init(_ handle: FileHandle) {
        self.handle = handle
    }

    /// The next line, or nil when the pipe closed.
    func nextLine() async -> String? {
        await Task.detached { self.readLine() }.value
    }

    private func readLine() -> String? {
        while true {
            let line = buffer.withLock { data -> String? in
                guard let newline = data.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
                let line = String(decoding: data[data.startIndex..<newline], as: UTF8.self)
                data.removeSubrange(data.startIndex...newline)
                return line
            }
            if let line { return line }
            let chunk = handle.availableData
            if chunk.isEmpty { return nil }
            buffer.withLock { $0.append(chunk) }
        }
    }
}

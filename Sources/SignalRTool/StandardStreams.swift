import Foundation

/// Line-oriented writes to the standard streams, with `write(2)`: Foundation's
/// `FileHandle.write(_: Data)` traps on Linux when the reader has gone (SwiftNIO ignores SIGPIPE).
enum StandardError {
    static func write(_ line: String) {
        _ = StandardDescriptor.write(line + "\n", to: STDERR_FILENO)
    }
}

enum StandardOutput {
    /// Writes a line; when stdout's reader has gone (`signalr listen ... | head -1`) there is
    /// nobody left to print for, and the tool ends quietly with status 0.
    static func write(_ line: String) {
        if !StandardDescriptor.write(line + "\n", to: STDOUT_FILENO) { exit(0) }
    }
}

enum StandardDescriptor {
    /// Writes `text` whole; false when the descriptor refuses it (EPIPE, or any other error).
    static func write(_ text: String, to descriptor: Int32) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let result = Foundation.write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
                if result > 0 {
                    offset += result
                } else if result < 0 && (errno == EINTR || errno == EAGAIN) {
                    continue
                } else {
                    return false
                }
            }
            return true
        }
    }
}

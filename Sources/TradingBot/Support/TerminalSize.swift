#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The size of the terminal on a file descriptor, for displays that must fit on screen.
struct TerminalSize: Sendable, Equatable {
    var rows: Int
    var columns: Int

    /// The size of the terminal on `descriptor`, or nil when it is not a terminal or reports none.
    static func of(_ descriptor: Int32 = STDOUT_FILENO) -> TerminalSize? {
        guard isatty(descriptor) == 1 else { return nil }
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0, size.ws_col > 0 else { return nil }
        return TerminalSize(rows: Int(size.ws_row), columns: Int(size.ws_col))
    }

    /// The terminal's size on `descriptor` after each change (SIGWINCH), for as long as the
    /// stream is iterated; ending the iteration stops listening.
    ///
    /// ```swift
    /// for await size in TerminalSize.changes() { redraw(columns: size.columns) }
    /// ```
    static func changes(of descriptor: Int32 = STDOUT_FILENO) -> AsyncStream<TerminalSize> {
        // SIGWINCH is ignored by default, so catching it changes nothing for other code.
        let signals = TerminationSignal.listen(for: [SIGWINCH])
        return AsyncStream { continuation in
            let task = Task {
                for await _ in signals.stream {
                    if let size = of(descriptor) { continuation.yield(size) }
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Whether colours may be used: a terminal, `NO_COLOR` unset and `TERM` not `dumb`.
    static var allowsColor: Bool {
        let environment = ProcessInfo.processInfo.environment
        return environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }
}

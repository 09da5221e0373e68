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

    /// Whether colours may be used: a terminal, `NO_COLOR` unset and `TERM` not `dumb`.
    static var allowsColor: Bool {
        let environment = ProcessInfo.processInfo.environment
        return environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }
}

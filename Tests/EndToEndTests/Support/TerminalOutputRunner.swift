import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `trading-bot` with its stdout on a pseudo-terminal of a given size, and returns what it
/// wrote there: the program sees a terminal (`isatty`, `TIOCGWINSZ`), as under a person's eyes.
///
/// The controller end is read while the child runs (a full terminal buffer would block it); after
/// the child exits the test's copy of the terminal end is closed, so the read ends.
enum TerminalOutputRunner {
    static func run(_ arguments: [String], environment: [String: String], rows: UInt16, columns: UInt16) async throws -> (status: Int32, output: String) {
        let terminal = try PseudoTerminal()
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard ioctl(terminal.terminal, UInt(TIOCSWINSZ), &size) == 0 else {
            terminal.dispose()
            throw HarnessError("cannot set the pseudo-terminal's size: errno \(errno)")
        }
        let controller = terminal.controller
        let reading = Task.detached { () -> Data in
            var data = Data()
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(controller, $0.baseAddress, $0.count) }
                if count <= 0 { break }
                data.append(contentsOf: buffer[0..<count])
            }
            return data
        }
        let process = Process()
        process.executableURL = try TradingBotBinary.locate()
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = terminal.terminalHandle
        process.standardError = FileHandle.nullDevice
        let status = try await ProcessBox(process).runToExit()
        // The child is gone; closing the last terminal end makes the controller's read return.
        _ = close(terminal.terminal)
        let data = await reading.value
        _ = close(terminal.controller)
        // The terminal turns each "\n" into "\r\n".
        return (status, String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n"))
    }
}

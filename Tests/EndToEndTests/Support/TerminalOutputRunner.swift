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
        do {
            try terminal.setSize(rows: rows, columns: columns)
        } catch {
            terminal.dispose()
            throw error
        }
        let reading = Task.detached { () -> Data in
            var data = Data()
            terminal.readOutput { data.append(contentsOf: $0) }
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

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pseudo-terminal to give a child process as its stdin: `isatty` is true there, so the
/// program asks its confirmation questions, and the text typed here is what it reads.
///
/// The line discipline keeps what is typed until the child reads it, so the answer can be typed
/// before the question is asked; nothing in the test waits for the prompt.
final class PseudoTerminal: Sendable {
    /// The end the test writes to.
    let controller: Int32
    /// The end the child reads (its stdin).
    let terminal: Int32

    /// The C library's pseudo-terminal functions. Glibc's module map leaves them out (they need
    /// `_XOPEN_SOURCE`), so they are looked up by name.
    private enum LibC {
        typealias OpenFunction = @convention(c) (Int32) -> Int32
        typealias NameFunction = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?

        static func function<T>(_ name: String, as type: T.Type) throws -> T {
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { throw HarnessError("no \(name) in the C library") }
            return unsafeBitCast(symbol, to: type)
        }
    }

    init() throws {
        let openpt = try LibC.function("posix_openpt", as: LibC.OpenFunction.self)
        let grantpt = try LibC.function("grantpt", as: LibC.OpenFunction.self)
        let unlockpt = try LibC.function("unlockpt", as: LibC.OpenFunction.self)
        let ptsname = try LibC.function("ptsname", as: LibC.NameFunction.self)
        let controller = openpt(O_RDWR | O_NOCTTY)
        guard controller >= 0 else { throw HarnessError("posix_openpt failed: errno \(errno)") }
        guard grantpt(controller) == 0, unlockpt(controller) == 0, let name = ptsname(controller) else {
            close(controller)
            throw HarnessError("cannot unlock the pseudo-terminal: errno \(errno)")
        }
        let terminal = open(name, O_RDWR | O_NOCTTY)
        guard terminal >= 0 else {
            close(controller)
            throw HarnessError("cannot open \(String(cString: name)): errno \(errno)")
        }
        self.controller = controller
        self.terminal = terminal
    }

    /// Types `text` (for example "yes\n").
    func type(_ text: String) throws {
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(controller, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw HarnessError("typing into the pseudo-terminal failed: errno \(errno)") }
    }

    /// Sets the size the child reads with TIOCGWINSZ (a running child also needs SIGWINCH).
    func setSize(rows: UInt16, columns: UInt16) throws {
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        guard ioctl(terminal, UInt(TIOCSWINSZ), &size) == 0 else { throw HarnessError("cannot set the pseudo-terminal's size: errno \(errno)") }
    }

    /// Reads what the child writes until the terminal end is closed, handing each chunk to
    /// `received`. Blocks: call it off Swift concurrency's threads or in a detached task.
    func readOutput(_ received: ([UInt8]) -> Void) {
        var bytes = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = bytes.withUnsafeMutableBytes { read(controller, $0.baseAddress, $0.count) }
            if count <= 0 { return }
            received(Array(bytes[0..<count]))
        }
    }

    /// The child's stdin.
    var terminalHandle: FileHandle { FileHandle(fileDescriptor: terminal, closeOnDealloc: false) }

    /// Closes both ends.
    func dispose() {
        _ = close(terminal)
        _ = close(controller)
    }
}

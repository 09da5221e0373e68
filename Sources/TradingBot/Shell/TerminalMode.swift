#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOConcurrencyHelpers

/// Switches a terminal into raw mode for the line editor (no echo, no line buffering, no
/// signals from Ctrl-C, no flow control) and back to how it was.
///
/// Output processing stays on, so `\n` still starts a new line. ``restore()`` may be called from
/// any thread, for example when the shell leaves while the editor waits for a key.
final class TerminalMode: Sendable {
    private let descriptor: Int32
    private let saved = NIOLockedValueBox<termios?>(nil)

    init(descriptor: Int32 = STDIN_FILENO) {
        self.descriptor = descriptor
    }

    /// Enters raw mode; false when the descriptor is not a terminal.
    func enableRaw() -> Bool {
        var original = termios()
        guard tcgetattr(descriptor, &original) == 0 else { return false }
        var raw = original
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL | BRKINT | INPCK | ISTRIP)
        raw.c_cflag |= tcflag_t(CS8)
        withUnsafeMutableBytes(of: &raw.c_cc) { bytes in
            bytes[Int(VMIN)] = 1
            bytes[Int(VTIME)] = 0
        }
        guard tcsetattr(descriptor, TCSADRAIN, &raw) == 0 else { return false }
        saved.withLockedValue { $0 = original }
        return true
    }

    /// Returns to the mode saved by ``enableRaw()``; does nothing when raw mode is off.
    func restore() {
        saved.withLockedValue { saved in
            guard var original = saved else { return }
            _ = tcsetattr(descriptor, TCSADRAIN, &original)
            saved = nil
        }
    }
}

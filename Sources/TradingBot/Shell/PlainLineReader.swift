/// Reads the shell's input as plain lines, when stdin is not a terminal (a pipe, a script): no
/// prompt, no editing, no history.
enum PlainLineReader {
    /// The next line, or ``ShellInput/end`` at the end of input.
    static func readLine() -> ShellInput {
        guard let line = Swift.readLine(strippingNewline: true) else { return .end }
        return .line(line)
    }
}

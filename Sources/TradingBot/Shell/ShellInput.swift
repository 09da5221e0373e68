/// What the person did at the shell's prompt.
enum ShellInput: Sendable, Equatable {
    /// A line was entered.
    case line(String)
    /// Ctrl-C at the prompt.
    case interrupt
    /// End of input (Ctrl-D on an empty line, or the end of a piped script).
    case end
}

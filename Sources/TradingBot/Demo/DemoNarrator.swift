import Foundation

/// Prints the demo's story: a title, numbered steps, plain-words explanations, the command line
/// each step corresponds to, and measured results. Bold and dim text on a terminal (unless
/// `NO_COLOR` is set); plain text otherwise. Pauses between steps give a reader time, except
/// with `--fast`.
struct DemoNarrator: Sendable {
    let output: Output
    let styled: Bool
    let fast: Bool
    let steps: Int
    /// The time spent in ``pause(_:)`` so far, so that measured times can leave it out.
    let paused = SharedValue<Duration>(.zero)

    init(output: Output, fast: Bool, steps: Int) {
        self.output = output
        self.fast = fast
        self.steps = steps
        styled = output.isTerminal && TerminalSize.allowsColor
    }

    func title(_ text: String) {
        output.text(style(text, "1"))
    }

    /// `[3/8] Resolve a contract`.
    func step(_ number: Int, _ title: String) {
        output.text("")
        output.text(style("[\(number)/\(steps)] \(title)", "1;36"))
    }

    /// An explanation in plain words, wrapped at 96 columns.
    func say(_ text: String) {
        for line in Self.wrap(text, width: 96) { output.text("  " + line) }
    }

    /// The command line a step runs, as a reader would type it.
    func command(_ text: String) {
        output.text(style("  $ trading-bot \(text)", "2"))
    }

    /// A measured result.
    func result(_ text: String) {
        marked("=>", text, "1;32")
    }

    /// Something that did not go as hoped, said as it is.
    func warning(_ text: String) {
        marked("!!", text, "1;33")
    }

    /// `  => text` wrapped, continuation lines under the text.
    private func marked(_ mark: String, _ text: String, _ code: String) {
        for (index, line) in Self.wrap(text, width: 93).enumerated() {
            output.text(style("  " + (index == 0 ? mark : "  ") + " " + line, code))
        }
    }

    /// A line of detail (a hub event seen on the side).
    func detail(_ text: String) {
        output.text("     " + text)
    }

    /// Gives a reader time between steps (none with `--fast`).
    func pause(_ seconds: Double = 0.8) async throws {
        guard !fast else { return }
        let pause = Duration.milliseconds(Int(seconds * 1000))
        try await Task.sleep(for: pause)
        paused.update { $0 += pause }
    }

    private func style(_ text: String, _ code: String) -> String {
        styled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// Words of `text` in lines of at most `width` characters.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty && current.count + 1 + word.count > width {
                lines.append(current)
                current = ""
            }
            current += (current.isEmpty ? "" : " ") + word
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}

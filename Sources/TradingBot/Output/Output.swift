import Foundation

/// Where a command's results go: tables and sentences for people, or JSON lines with `--json`.
///
/// With `--json` every result is one JSON object per line (a list is one line per element, a
/// stream one line per event), in the gateway's own wire form: the models' field names, integer
/// enums, ISO-8601 UTC timestamps. Human text never goes to stdout in JSON mode, so the output
/// can be piped to `jq` as is. Messages for people that are not results (progress, notes, a
/// stream's gaps and hub status in human mode) go to stderr.
struct Output: Sendable {
    /// Whether results are printed as JSON lines.
    let json: Bool
    /// Whether stdout is a terminal, so that a live display may move the cursor (`depth`).
    let isTerminal: Bool
    private let writeOut: @Sendable (String) -> Void
    private let writeErr: @Sendable (String) -> Void

    init(
        json: Bool, isTerminal: Bool = false,
        stdout: @escaping @Sendable (String) -> Void = Output.standardOutput,
        stderr: @escaping @Sendable (String) -> Void = Output.standardError
    ) {
        self.json = json
        self.isTerminal = isTerminal
        self.writeOut = stdout
        self.writeErr = stderr
    }

    /// A copy printing JSON lines or not.
    func json(_ json: Bool) -> Output {
        Output(json: json, isTerminal: isTerminal, stdout: writeOut, stderr: writeErr)
    }

    /// A copy that also hands everything it prints on stdout to `observe`, after printing it
    /// (the demo waits until a stream has shown its first lines).
    func observingStandardOutput(_ observe: @escaping @Sendable (String) -> Void) -> Output {
        let writeOut = self.writeOut
        return Output(json: json, isTerminal: isTerminal, stdout: { text in
            writeOut(text)
            observe(text)
        }, stderr: writeErr)
    }

    /// A line of text for people on stdout (ignored in JSON mode).
    func text(_ line: String) {
        guard !json else { return }
        writeOut(line + "\n")
    }

    /// Text for people on stdout exactly as given, escape sequences included (ignored in JSON
    /// mode). Live displays use it to redraw in place.
    func raw(_ text: String) {
        guard !json, !text.isEmpty else { return }
        writeOut(text)
    }

    /// A table on stdout, or `empty` when it has no rows (ignored in JSON mode).
    func table(_ table: TextTable, empty: String) {
        guard !json else { return }
        writeOut((table.rows.isEmpty ? empty : table.rendered()) + "\n")
    }

    /// One JSON line on stdout (ignored in human mode).
    func jsonLine(_ value: some Encodable) throws {
        guard json else { return }
        writeOut(try JSONLines.encode(value) + "\n")
    }

    /// One JSON line per element (ignored in human mode).
    func jsonLines(_ values: [some Encodable]) throws {
        guard json else { return }
        var text = ""
        for value in values { text += try JSONLines.encode(value) + "\n" }
        if !text.isEmpty { writeOut(text) }
    }

    /// A note for people on stderr, in both modes.
    func note(_ line: String) {
        writeErr(line + "\n")
    }

    /// Writes to the process's stdout, unbuffered so that streams appear as they happen; a closed
    /// pipe ends the output instead of the process (see ``StandardStream``).
    @Sendable static func standardOutput(_ text: String) {
        StandardStream.output.write(text)
    }

    /// Writes to the process's stderr.
    @Sendable static func standardError(_ text: String) {
        StandardStream.error.write(text)
    }
}

import Foundation

/// The shell's command history: kept in memory for up/down at the prompt, and appended to a file
/// so that the next session starts with it.
///
/// The file is `$XDG_CONFIG_HOME/trading-bot/history` when `XDG_CONFIG_HOME` is an absolute
/// path, else `~/.config/trading-bot/history`, one command per line, readable by its owner only.
/// A line that mentions `--api-key` is kept in memory but never written to the file, and the same
/// line twice in a row is recorded once. Failing to read or write the file never stops the shell.
struct History: Sendable {
    /// The most lines kept and loaded.
    static let limit = 1000

    private(set) var entries: [String] = []
    /// Where entries are appended; nil keeps them in memory only.
    let path: String?

    init(entries: [String] = [], path: String? = nil) {
        self.entries = Array(entries.suffix(Self.limit))
        self.path = path
    }

    /// The default history file for `environment`, or nil without `HOME` or `XDG_CONFIG_HOME`.
    static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            return (xdg as NSString).appendingPathComponent("trading-bot/history")
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return (home as NSString).appendingPathComponent(".config/trading-bot/history")
    }

    /// The history stored at `path` (empty when the file does not exist or cannot be read).
    static func load(from path: String?) -> History {
        guard let path, let data = FileManager.default.contents(atPath: path) else { return History(path: path) }
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        return History(entries: lines, path: path)
    }

    /// Records a line entered at the prompt.
    mutating func add(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed != entries.last else { return }
        entries.append(trimmed)
        if entries.count > Self.limit { entries.removeFirst(entries.count - Self.limit) }
        guard let path, !Self.isSecret(trimmed) else { return }
        Self.append(trimmed, to: path)
    }

    /// Whether a line may carry a secret and must stay out of the file.
    static func isSecret(_ line: String) -> Bool {
        line.contains("--api-key") || line.contains("PROJECTX_API_KEY")
    }

    private static func append(_ line: String, to path: String) {
        let manager = FileManager.default
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            if !manager.fileExists(atPath: path) {
                guard manager.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else { return }
            }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data((line + "\n").utf8))
        } catch {
            // History is a convenience: a read-only home must not break the shell.
        }
    }
}

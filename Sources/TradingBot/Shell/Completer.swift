/// Tab completion at the shell prompt: command names for the first word, subcommand names for
/// the second (`order pl` → `order place`), command names after `help`.
///
/// ```swift
/// let completer = Completer(tree: ["order": ["place", "cancel"], "orders": [], "help": []])
/// completer.complete("or")   // Completion(replacing: 2, candidates: ["order", "orders"])
/// ```
struct Completer: Sendable {
    /// Commands and their subcommands.
    let tree: [String: [String]]

    init(tree: [String: [String]]) {
        self.tree = tree
    }

    /// What Tab can do with the text left of the cursor.
    struct Completion: Sendable, Equatable {
        /// How many characters left of the cursor the candidates replace.
        var replacing: Int
        /// Matching words, sorted.
        var candidates: [String]

        /// The longest text every candidate starts with.
        var commonPrefix: String {
            guard var prefix = candidates.first else { return "" }
            for candidate in candidates.dropFirst() {
                while !candidate.hasPrefix(prefix) { prefix.removeLast() }
            }
            return prefix
        }
    }

    /// Candidates for the word being typed at the end of `text`; nil when nothing completes there.
    func complete(_ text: String) -> Completion? {
        let endsWithBlank = text.last.map { $0 == " " } ?? true
        var words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let partial = endsWithBlank ? "" : (words.popLast() ?? "")
        let pool: [String]
        switch words.count {
        case 0:
            pool = Array(tree.keys)
        case 1 where words[0] == "help":
            pool = tree.keys.filter { $0 != "help" && $0 != "exit" && $0 != "quit" }
        case 1:
            pool = tree[words[0]] ?? []
        case 2 where words[0] == "help":
            pool = tree[words[1]] ?? []
        default:
            return nil
        }
        let candidates = pool.filter { $0.hasPrefix(partial) }.sorted()
        guard !candidates.isEmpty else { return nil }
        return Completion(replacing: partial.count, candidates: candidates)
    }
}

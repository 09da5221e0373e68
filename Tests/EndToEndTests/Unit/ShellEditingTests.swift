import Foundation
import Synchronization
import Testing
@testable import TradingBot
import TestGate

/// The shell's pure parts: splitting lines into words, the line buffer, decoding keys, the
/// editing session (history, completion), the history file.
@Suite("Shell editing", .gated)
struct ShellEditingTests {
    @Test func wordsAreSplitLikeAShell() throws {
        #expect(try ShellWords.split("quote  MES ES") == ["quote", "MES", "ES"])
        #expect(try ShellWords.split(#"order place --tag "my tag" --x 'a "b"' c\ d"#) == ["order", "place", "--tag", "my tag", "--x", #"a "b""#, "c d"])
        #expect(try ShellWords.split(#"say "a \"quoted\" \n word""#) == ["say", #"a "quoted" \n word"#])
        #expect(try ShellWords.split("accounts # list them") == ["accounts"])
        #expect(try ShellWords.split("   # only a comment") == [])
        #expect(try ShellWords.split("tag a#b") == ["tag", "a#b"])
        #expect(try ShellWords.split(#"x """#) == ["x", ""])
        #expect(throws: ShellWords.UnterminatedQuote(quote: "'")) { try ShellWords.split("quote 'MES") }
        #expect(throws: ShellWords.UnterminatedQuote(quote: "\"")) { try ShellWords.split(#"quote "MES"#) }
    }

    @Test func theLineBufferEdits() {
        var buffer = LineBuffer("quote ES")
        buffer.moveLeft()
        buffer.moveLeft()
        buffer.insert("M")
        #expect(buffer.text == "quote MES" && buffer.cursor == 7)
        buffer.deleteBackward()
        buffer.deleteForward()
        #expect(buffer.text == "quote S")
        buffer.moveToStart()
        buffer.deleteBackward()
        buffer.deleteForward()
        #expect(buffer.text == "uote S" && buffer.cursor == 0)
        buffer.moveToEnd()
        buffer.moveRight()
        #expect(buffer.cursor == 6)
        buffer.deleteWordBackward()
        #expect(buffer.text == "uote ")
        buffer.replace(with: "orders --account 1")
        buffer.moveLeft()
        buffer.deleteToStart()
        #expect(buffer.text == "1" && buffer.cursor == 0)
        buffer.deleteToEnd()
        #expect(buffer.isEmpty)
        var completing = LineBuffer("order pl")
        completing.replaceBeforeCursor(count: 2, with: "place ")
        #expect(completing.text == "order place " && completing.beforeCursor == "order place ")
    }

    @Test func keysAreDecoded() {
        func keys(_ bytes: [UInt8]) -> [Key] {
            var decoder = KeyDecoder()
            return bytes.compactMap { decoder.feed($0) }
        }
        #expect(keys(Array("ab".utf8)) == [.text("a"), .text("b")])
        #expect(keys([0x1B, 0x5B, 0x41, 0x1B, 0x5B, 0x42, 0x1B, 0x5B, 0x43, 0x1B, 0x5B, 0x44]) == [.up, .down, .right, .left])
        #expect(keys([0x1B, 0x4F, 0x48, 0x1B, 0x4F, 0x46]) == [.home, .end])
        #expect(keys([0x1B, 0x5B, 0x33, 0x7E, 0x1B, 0x5B, 0x31, 0x7E, 0x1B, 0x5B, 0x34, 0x7E]) == [.delete, .home, .end])
        #expect(keys([0x1B, 0x5B, 0x31, 0x3B, 0x35, 0x43]) == [.right], "Ctrl-Right reads as Right")
        #expect(keys([0x0D, 0x7F, 0x09, 0x03, 0x04, 0x15, 0x0B, 0x17, 0x0C, 0x01, 0x05]) == [
            .enter, .backspace, .tab, .interrupt, .endOfInput, .deleteToStart, .deleteToEnd, .deleteWord, .clearScreen, .home, .end,
        ])
        #expect(keys(Array("é↑".utf8)) == [.text("é"), .text("↑")])
        #expect(keys([0x1B, 0x62, 0x61]) == [.ignored, .text("a")], "Alt-b is ignored")
        #expect(keys([0xC3, 0x41]) == [.ignored], "a broken UTF-8 sequence is dropped")
    }

    @Test func completionOfCommandsAndSubcommands() {
        let completer = Completer(tree: ShellCommands.completionTree)
        #expect(completer.complete("qu")?.candidates == ["quit", "quote"])
        #expect(completer.complete("quo") == .init(replacing: 3, candidates: ["quote"]))
        #expect(completer.complete("or")?.commonPrefix == "order")
        #expect(completer.complete("order ")?.candidates == ["cancel", "modify", "place", "show"])
        #expect(completer.complete("order s") == .init(replacing: 1, candidates: ["show"]))
        #expect(completer.complete("contracts a")?.candidates == ["available"])
        #expect(completer.complete("help de")?.candidates == ["depth"])
        #expect(completer.complete("help order m")?.candidates == ["modify"])
        #expect(completer.complete("quote MES --co") == nil)
        #expect(completer.complete("sh") == nil, "shell does not run inside the shell")
        #expect(completer.complete("")?.candidates.contains("watch") == true)
    }

    /// Runs an edit session on `bytes`; the input and what was written.
    func edit(_ bytes: [UInt8], history: [String] = []) -> (ShellInput, String) {
        let written = SharedValue("")
        var session = LineEditSession(
            prompt: "> ", entries: history, completer: Completer(tree: ShellCommands.completionTree), write: { text in written.update { $0 += text } }
        )
        var remaining = bytes[...]
        let input = session.run(read: { remaining.popFirst() })
        return (input, written.value)
    }

    @Test func anEditSessionReadsOneLine() {
        #expect(edit(Array("accounts\r".utf8)).0 == .line("accounts"))
        #expect(edit(Array("acc\t\r".utf8)).0 == .line("accounts "))
        #expect(edit(Array("order pl\t--help\r".utf8)).0 == .line("order place --help"))
        // Up twice, down once: the newer entry; edit it.
        #expect(edit([0x1B, 0x5B, 0x41, 0x1B, 0x5B, 0x41, 0x1B, 0x5B, 0x42, 0x7F, 0x7F] + Array("ES\r".utf8), history: ["accounts", "quote MES"]).0 == .line("quote MES"))
        // Down past the newest entry brings back what was being typed.
        #expect(edit(Array("pi".utf8) + [0x1B, 0x5B, 0x41, 0x1B, 0x5B, 0x42] + Array("ng\r".utf8), history: ["accounts"]).0 == .line("ping"))
        // Left, insert, Home, Delete.
        #expect(edit(Array("qote".utf8) + [0x1B, 0x5B, 0x44, 0x1B, 0x5B, 0x44, 0x1B, 0x5B, 0x44] + Array("u".utf8) + [0x01, 0x1B, 0x5B, 0x33, 0x7E, 0x0D]).0 == .line("uote"))
        #expect(edit(Array("abc".utf8) + [0x03]).0 == .interrupt)
        #expect(edit([0x04]).0 == .end)
        #expect(edit(Array("ab".utf8) + [0x01, 0x04, 0x0D]).0 == .line("b"), "Ctrl-D deletes when the line is not empty")
        #expect(edit(Array("abc".utf8)).0 == .end, "the end of input ends the session")
    }

    @Test func tabTwiceListsTheChoices() {
        let (input, written) = edit(Array("or\t\t\r".utf8))
        #expect(input == .line("order"))
        #expect(written.contains("\norder  orders\n"), "\(written.debugDescription)")
        let (_, redrawn) = edit(Array("qu\r".utf8))
        #expect(redrawn.hasPrefix("\r> \u{1B}[K"))
        #expect(redrawn.contains("\r> qu\u{1B}[K"))
    }

    @Test func historyIsPersistedWithoutSecrets() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tb-history-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = History.defaultPath(environment: ["XDG_CONFIG_HOME": directory.path, "HOME": "/nowhere"])
        #expect(path == directory.appendingPathComponent("trading-bot/history").path)
        #expect(History.defaultPath(environment: ["HOME": "/home/me"]) == "/home/me/.config/trading-bot/history")
        #expect(History.defaultPath(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/home/me"]) == "/home/me/.config/trading-bot/history")
        var history = History.load(from: path)
        #expect(history.entries.isEmpty)
        history.add("accounts")
        history.add("accounts")
        history.add("  ")
        history.add("login --api-key secret")
        history.add("quote MES")
        #expect(history.entries == ["accounts", "login --api-key secret", "quote MES"])
        let reloaded = History.load(from: path)
        #expect(reloaded.entries == ["accounts", "quote MES"], "the line with a key stays out of the file")
        let attributes = try FileManager.default.attributesOfItem(atPath: try #require(path))
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }
}

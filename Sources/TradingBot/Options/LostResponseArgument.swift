import ArgumentParser
import GatewaySimulator

/// `--lose-response KIND:MODE[:COUNT]` of `trading-bot simulator`: the next COUNT (default 1)
/// writes of KIND (place, cancel, modify, close) lose their answer as MODE says (reset, hang,
/// garble, status500: executed first; reset-unexecuted: not executed).
struct LostResponseArgument: ExpressibleByArgument, Sendable, Equatable {
    var kind: WriteKind
    var mode: LostResponseMode
    var count: Int

    init(kind: WriteKind, mode: LostResponseMode, count: Int = 1) {
        self.kind = kind
        self.mode = mode
        self.count = count
    }

    init?(argument: String) {
        let parts = argument.lowercased().split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard (2...3).contains(parts.count), let kind = WriteKind(rawValue: parts[0]), let mode = LostResponseMode(rawValue: parts[1]) else {
            return nil
        }
        var count = 1
        if parts.count == 3 {
            guard let parsed = Int(parts[2]), parsed >= 1 else { return nil }
            count = parsed
        }
        self.init(kind: kind, mode: mode, count: count)
    }

    /// The accepted spellings, for help and errors.
    static let syntax = "KIND:MODE[:COUNT], KIND one of \(WriteKind.allCases.map(\.rawValue).joined(separator: ", ")), "
        + "MODE one of \(LostResponseMode.allCases.map(\.rawValue).joined(separator: ", ")), COUNT 1 or more"
}

/// ASCII helpers for HTTP field names, header values and hub method names.
extension String {
    /// ASCII case-insensitive equality, as HTTP field names and SignalR method names compare.
    func caseInsensitiveEquals(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        return zip(utf8, other.utf8).allSatisfy { Self.asciiLower($0) == Self.asciiLower($1) }
    }

    /// The string with ASCII letters lower-cased (other characters unchanged).
    var asciiLowercased: String {
        String(decoding: utf8.map(Self.asciiLower), as: UTF8.self)
    }

    private static func asciiLower(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}

/// A glance at a raw HTTP/1.1 request head, enough to route the connection: the method, the path,
/// and whether it asks for a WebSocket upgrade. The request is parsed properly afterwards by
/// whichever pipeline it is routed to.
struct RequestHeadPeek: Equatable {
    var method: String
    var path: String
    var isWebSocketUpgrade: Bool

    enum Result: Equatable {
        /// The head is not complete yet.
        case needMoreData
        case head(RequestHeadPeek)
        /// Not something this peek understands; let the HTTP pipeline answer it.
        case unrecognized
    }

    private static let terminator: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A]

    /// Looks at the bytes received so far.
    static func peek(_ bytes: some Collection<UInt8>, maximumHeadSize: Int = 64 * 1024) -> Result {
        let bytes = Array(bytes)
        guard let end = firstIndex(of: terminator, in: bytes) else {
            return bytes.count > maximumHeadSize ? .unrecognized : .needMoreData
        }
        let head = String(decoding: bytes[..<end], as: UTF8.self)
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false).makeIterator()
        guard let requestLine = lines.next() else { return .unrecognized }
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 3, parts[2].hasPrefix("HTTP/") else { return .unrecognized }
        let target = parts[1]
        let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        var upgrade = false
        while let line = lines.next() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].trimmingSpaces
            guard String(name).caseInsensitiveEquals("upgrade") else { continue }
            let value = line[line.index(after: colon)...]
            upgrade = value.split(separator: ",").contains { String($0.trimmingSpaces).caseInsensitiveEquals("websocket") }
        }
        return .head(RequestHeadPeek(method: String(parts[0]), path: path, isWebSocketUpgrade: upgrade))
    }

    private static func firstIndex(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= pattern.count else { return nil }
        for start in 0...(bytes.count - pattern.count) where bytes[start] == pattern[0] {
            if bytes[start..<(start + pattern.count)].elementsEqual(pattern) { return start }
        }
        return nil
    }
}

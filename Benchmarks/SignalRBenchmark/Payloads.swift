import NIOCore

/// The market events the benchmark sends, shaped like the ProjectX gateway's.
struct GatewayQuote: Decodable, Sendable {
    var symbol: String
    var symbolName: String
    var lastPrice: Double
    var bestBid: Double
    var bestAsk: Double
    var change: Double
    var changePercent: Double
    var open: Double
    var high: Double
    var low: Double
    var volume: Double
    var lastUpdated: String
    var timestamp: String
}

struct GatewayDepthEntry: Decodable, Sendable {
    var timestamp: String
    var type: Int
    var price: Double
    var volume: Double
    var currentVolume: Int
}

/// One benchmark scenario: which event, how many messages, how many per WebSocket frame.
struct Scenario: Sendable, CustomStringConvertible {
    enum Kind: String, Sendable {
        case quote, depth
    }

    var kind: Kind
    var messages: Int
    var batch: Int

    var description: String { "\(kind == .quote ? "GatewayQuote" : "GatewayDepth") x\(batch)/frame" }

    var path: String { "/bench?kind=\(kind.rawValue)&messages=\(messages)&batch=\(batch)" }

    init(kind: Kind, messages: Int, batch: Int) {
        self.kind = kind
        self.messages = messages
        self.batch = batch
    }

    /// Reads a scenario back from the request path.
    init?(path: String) {
        guard let query = path.split(separator: "?", maxSplits: 1).last else { return nil }
        var fields: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        guard let kind = fields["kind"].flatMap(Kind.init(rawValue:)), let messages = fields["messages"].flatMap(Int.init),
            let batch = fields["batch"].flatMap(Int.init), batch > 0
        else { return nil }
        self.init(kind: kind, messages: messages, batch: batch)
    }

    /// The message `index` as framed text: a JSON invocation followed by the record separator.
    func message(_ index: Int) -> String {
        let price = 5400.0 + Double(index % 400) * 0.25
        let time = "2025-07-01T14:30:\(String(format2: index % 60)).\(String(format3: index % 1000))Z"
        switch kind {
        case .quote:
            return """
                {"type":1,"target":"GatewayQuote","arguments":["CON.F.US.EP.U25",{"symbol":"F.US.EP","symbolName":"/ES",\
                "lastPrice":\(price),"bestBid":\(price - 0.25),"bestAsk":\(price),"change":12.5,"changePercent":0.23,\
                "open":5420.0,"high":5440.5,"low":5415.25,"volume":\(100_000 + index),"lastUpdated":"\(time)","timestamp":"\(time)"}]}\u{1E}
                """
        case .depth:
            let entries = (0..<10).map { level in
                "{\"timestamp\":\"\(time)\",\"type\":\(level < 5 ? 1 : 2),\"price\":\(price + Double(level - 5) * 0.25),"
                    + "\"volume\":\(10 + level),\"currentVolume\":\(10 + level)}"
            }
            return "{\"type\":1,\"target\":\"GatewayDepth\",\"arguments\":[\"CON.F.US.EP.U25\",[" + entries.joined(separator: ",") + "]]}\u{1E}"
        }
    }

    /// The frames to send: `messages` messages, `batch` per frame, then a `Done` event.
    func frames(allocator: ByteBufferAllocator) -> [ByteBuffer] {
        var frames: [ByteBuffer] = []
        var index = 0
        while index < messages {
            let count = min(batch, messages - index)
            var buffer = allocator.buffer(capacity: count * 400)
            for offset in 0..<count {
                buffer.writeString(message(index + offset))
            }
            frames.append(buffer)
            index += count
        }
        frames.append(allocator.buffer(string: "{\"type\":1,\"target\":\"Done\",\"arguments\":[]}\u{1E}"))
        return frames
    }
}

extension String {
    init(format2 value: Int) { self = value < 10 ? "0\(value)" : "\(value)" }
    init(format3 value: Int) { self = value < 10 ? "00\(value)" : value < 100 ? "0\(value)" : "\(value)" }
}

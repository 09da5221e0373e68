import Foundation
import Gateway
import MarketData
import SignalRProtocol

/// The in-process ceilings, measured on the same kind of messages the feed sends: splitting frames
/// on the record separator alone, then also decoding each hub message, then also decoding its
/// payload into the market models the way ``MarketHub`` does per event (hub payload readers),
/// without the socket; and, as the baseline in the same run, the models decoded with
/// `JSONDecoder` instead.
enum FramingLimit {
    struct Figures {
        var framing: Double
        var hubDecoding: Double
        var modelDecoding: Double
        var modelDecodingWithJSONDecoder: Double
        var messageBytes: Int
    }

    static func measure(messages count: Int = 300_000) -> Figures {
        let frames = sampleFrames(count)
        let bytes = frames.reduce(0) { $0 + $1.count }

        let framing = rate(count) {
            var framer = RecordSeparatorFramer()
            var seen = 0
            for frame in frames { seen += (try? framer.feed(frame).count) ?? 0 }
            precondition(seen == count, "every sample frame holds one message")
        }
        let hub = rate(count) {
            var framer = RecordSeparatorFramer()
            for frame in frames {
                for message in (try? framer.feed(frame)) ?? [] { _ = try? JSONHubProtocol.decode(message) }
            }
        }
        let models = rate(count) {
            var framer = RecordSeparatorFramer()
            for frame in frames {
                for message in (try? framer.feed(frame)) ?? [] {
                    guard case .invocation(let invocation)? = try? JSONHubProtocol.decode(message), invocation.arguments.count == 2 else { continue }
                    _ = try? String(hubPayload: invocation.arguments[0])
                    switch invocation.target {
                    case "GatewayQuote": _ = try? Quote(hubPayload: invocation.arguments[1])
                    case "GatewayDepth": _ = try? OneOrMany<DepthEntry>(hubPayload: invocation.arguments[1])
                    default: _ = try? OneOrMany<MarketTrade>(hubPayload: invocation.arguments[1])
                    }
                }
            }
        }
        let decoder = JSONDecoder()
        let baseline = rate(count) {
            var framer = RecordSeparatorFramer()
            for frame in frames {
                for message in (try? framer.feed(frame)) ?? [] {
                    guard case .invocation(let invocation)? = try? JSONHubProtocol.decode(message), invocation.arguments.count == 2 else { continue }
                    _ = try? invocation.arguments[0].decode(String.self, decoder: decoder)
                    switch invocation.target {
                    case "GatewayQuote": _ = try? invocation.arguments[1].decode(Quote.self, decoder: decoder)
                    case "GatewayDepth": _ = try? invocation.arguments[1].decode(OneOrMany<DepthEntry>.self, decoder: decoder)
                    default: _ = try? invocation.arguments[1].decode(OneOrMany<MarketTrade>.self, decoder: decoder)
                    }
                }
            }
        }
        return Figures(
            framing: framing, hubDecoding: hub, modelDecoding: models, modelDecodingWithJSONDecoder: baseline,
            messageBytes: bytes / count)
    }

    private static func rate(_ count: Int, _ body: () -> Void) -> Double {
        body()  // warm up
        let clock = ContinuousClock()
        let elapsed = clock.measure(body)
        let (seconds, attoseconds) = elapsed.components
        return Double(count) / (Double(seconds) + Double(attoseconds) / 1e18)
    }

    /// Quotes, depth updates and trades in the gateway's shapes, one message per frame.
    static func sampleFrames(_ count: Int) -> [[UInt8]] {
        let contract = #""CON.F.US.EP.Z26""#
        let quote = #"{"symbol":"F.US.EP","symbolName":"/ES","lastPrice":6012.25,"bestBid":6012,"bestAsk":6012.25,"change":12.5,"changePercent":0.21,"open":5999.75,"high":6020,"low":5990.5,"volume":182345,"lastUpdated":"2026-11-27T14:30:01.268009+00:00","timestamp":"2026-11-27T14:30:01.268009+00:00"}"#
        let depth = #"[{"timestamp":"2026-11-27T14:30:01.268009+00:00","type":1,"price":6012.5,"volume":14,"currentVolume":14},{"timestamp":"2026-11-27T14:30:01.268009+00:00","type":2,"price":6011.75,"volume":9,"currentVolume":9}]"#
        let trade = #"[{"symbolId":"F.US.EP","price":6012.25,"timestamp":"2026-11-27T14:30:01.268009+00:00","type":0,"volume":2}]"#
        let kinds: [(String, String)] = [("GatewayQuote", quote), ("GatewayDepth", depth), ("GatewayTrade", trade)]
        return (0..<count).map { index in
            let (target, payload) = kinds[index % kinds.count]
            // safe: the literals above are valid JSON.
            let arguments = [try! RawJSON(validating: contract), try! RawJSON(validating: payload)]
            return JSONHubProtocol.encode(.invocation(InvocationMessage(target: target, arguments: arguments)))
        }
    }
}

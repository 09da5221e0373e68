import SignalRProtocol
import SignalRServer

/// The oversized-depth fault (``FaultInjector/oversizedDepthFrameBytes``): a depth snapshot grows
/// to at least the requested size, so that one `GatewayDepth` message, in one WebSocket frame,
/// tests a client's receive cap (the live gateway sends depth messages over 10 KB; clients must
/// accept at least 1 MiB).
///
/// The message stays valid and the book it describes stays the same: after the real snapshot
/// (Reset, ladder, BestAsk, BestBid) come Ask entries with volume 0 at prices above the ladder,
/// one tick apart, and a level with volume 0 is a removal of a level that does not exist.
///
/// ```swift
/// let data = DepthPadding.payload(snapshot, paddedTo: 1 << 20, contract: es)
/// ```
enum DepthPadding {
    /// The data array of `entries` followed by enough zero-volume Ask entries that the whole hub
    /// message is at least `target` bytes.
    static func payload(_ entries: [DepthPayload], paddedTo target: Int, contract: SimContract) -> RawJSON {
        var writer = HubJSONWriter(capacity: max(256, target))
        writer.byte(UInt8(ascii: "["))
        for (position, entry) in entries.enumerated() {
            if position > 0 { writer.byte(UInt8(ascii: ",")) }
            MarketEventEncoder.write(entry, to: &writer)
        }
        let askType = SimDomType.ask.rawValue
        let highestAsk = entries.lazy.filter { $0.type == askType || $0.type == SimDomType.bestAsk.rawValue }
            .compactMap { contract.ticks(of: $0.price) }.max()
        let highestPrice = entries.lazy.compactMap { contract.ticks(of: $0.price) }.max() ?? 1
        var ticks = (highestAsk ?? highestPrice) + 1
        let stamp = entries.first?.timestamp ?? ""
        // The rest of the message: the invocation around the data array (measured, not guessed).
        let envelope = EncodedHubMessage.invocation(
            "GatewayDepth", [HubJSONWriter.stringValue(contract.id), RawJSON(unchecked: Array("[]".utf8)[...])]
        ).byteCount - 2
        while writer.count + envelope < target {
            if writer.count > 1 { writer.byte(UInt8(ascii: ",")) }
            let padding = DepthPayload(timestamp: stamp, type: .ask, price: contract.price(ofTicks: ticks), volume: 0)
            MarketEventEncoder.write(padding, to: &writer)
            ticks += 1
        }
        writer.byte(UInt8(ascii: "]"))
        return writer.rawJSON
    }
}

/// Splits a stream of transport frames into hub messages on the record separator `0x1E`.
///
/// A frame may hold several messages (batching) and a message may span several frames (split
/// frames); the framer keeps an incomplete tail until the frame that completes it. Messages are
/// returned without their separator, as slices that share the frame's storage when they lie
/// within one frame.
///
/// ```swift
/// var framer = RecordSeparatorFramer(maximumMessageSize: 1 << 20)
/// for message in try framer.feed(frameBytes) {
///     if let decoded = try JSONHubProtocol.decode(message) { ... }
/// }
/// ```
public struct RecordSeparatorFramer: Sendable {
    /// The largest incomplete message that is buffered before the peer is deemed broken.
    public let maximumMessageSize: Int
    private var pending: [UInt8] = []

    /// - Parameter maximumMessageSize: the bound on one message's size; the default is 16 MiB.
    public init(maximumMessageSize: Int = 16 << 20) {
        self.maximumMessageSize = maximumMessageSize
    }

    /// The number of bytes of an incomplete message that are waiting for the next frame.
    public var bufferedByteCount: Int { pending.count }

    /// Adds one frame and returns every message it completes, in order.
    ///
    /// - Throws: ``HubProtocolError`` when an incomplete message grows past ``maximumMessageSize``.
    public mutating func feed(_ frame: ArraySlice<UInt8>) throws(HubProtocolError) -> [ArraySlice<UInt8>] {
        var messages: [ArraySlice<UInt8>] = []
        var start = frame.startIndex
        if !pending.isEmpty {
            guard let end = frame.firstIndex(of: JSONHubProtocol.recordSeparator) else {
                try bufferTail(frame)
                return messages
            }
            pending.append(contentsOf: frame[start..<end])
            try checkSize(pending.count)
            messages.append(pending[...])
            pending = []
            start = end + 1
        }
        while let end = frame[start...].firstIndex(of: JSONHubProtocol.recordSeparator) {
            if end > start {
                try checkSize(end - start)
                messages.append(frame[start..<end])
            }
            start = end + 1
        }
        if start < frame.endIndex {
            try bufferTail(frame[start...])
        }
        return messages
    }

    /// Adds one frame given as an array.
    public mutating func feed(_ frame: [UInt8]) throws(HubProtocolError) -> [ArraySlice<UInt8>] {
        try feed(frame[...])
    }

    /// Forgets any incomplete message, as when a connection ends.
    public mutating func reset() {
        pending = []
    }

    private mutating func bufferTail(_ tail: ArraySlice<UInt8>) throws(HubProtocolError) {
        try checkSize(pending.count + tail.count)
        pending.append(contentsOf: tail)
    }

    private func checkSize(_ size: Int) throws(HubProtocolError) {
        guard size <= maximumMessageSize else {
            throw HubProtocolError(
                "A message exceeded the maximum message size of \(maximumMessageSize) bytes; raise the limit if the peer legitimately sends larger messages."
            )
        }
    }
}

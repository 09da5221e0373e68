// libFuzzer entry point for the hub protocol: the framer, the message decoder, the handshake and
// negotiate readers, and the encoder's round trip. Built by Fuzz/run.sh together with the
// SignalRProtocol sources (it has no dependencies), never by `swift build`.
//
// Properties checked on every input, beyond "does not crash":
// - every message the decoder accepts re-encodes to bytes that decode to the same message;
// - feeding the same bytes in two different splits yields the same messages.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHubProtocol(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))

    var whole = RecordSeparatorFramer(maximumMessageSize: 1 << 16)
    var messages: [HubMessage] = []
    let wholeSlices = try? whole.feed(bytes)
    if let slices = wholeSlices {
        for slice in slices {
            guard let message = try? JSONHubProtocol.decode(slice) else { continue }
            messages.append(message)
            var encoded = JSONHubProtocol.encode(message)
            encoded.removeLast()
            let again = try? JSONHubProtocol.decode(encoded)
            if again != message {
                fatalError("round trip changed a message: \(message) -> \(String(describing: again))")
            }
        }
    }

    // The same stream cut in two at a point derived from the input.
    if size > 1 {
        let cut = Int(bytes[0]) % size
        var split = RecordSeparatorFramer(maximumMessageSize: 1 << 16)
        var splitMessages: [HubMessage] = []
        var failed = false
        for part in [Array(bytes[..<cut]), Array(bytes[cut...])] {
            guard let slices = try? split.feed(part) else { failed = true; break }
            for slice in slices {
                if let message = try? JSONHubProtocol.decode(slice) { splitMessages.append(message) }
            }
        }
        if !failed, wholeSlices != nil, splitMessages != messages {
            fatalError("framing depended on how the stream was split")
        }
    }

    _ = try? HandshakeResponse.decode(bytes[...])
    _ = try? HandshakeRequest.decode(bytes[...])
    _ = try? NegotiateResponse.decode(bytes[...])
    return 0
}

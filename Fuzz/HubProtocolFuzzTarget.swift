// libFuzzer entry point for the hub protocol: the framer, the message decoder, the handshake and
// negotiate readers, and the encoder's round trip. Built by Fuzz/run.sh together with the
// SignalRProtocol sources (it has no dependencies), never by `swift build`.
//
// Properties checked on every input, beyond "does not crash":
// - every message the decoder accepts re-encodes to bytes that decode to the same message;
// - feeding the same bytes in two different splits yields the same messages;
// - JSONReader walks every payload value of an accepted message, reading each number exactly as
//   the standard library's parser does (and as Foundation's decimal parser does, exactly); and
//   walks the raw input itself without trapping.

import Foundation

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
            for payload in payloads(of: message) {
                var reader = JSONReader(payload)
                // Validated values walk without error, except numbers beyond Double's range.
                do throws(HubProtocolError) {
                    try walk(&reader, depth: 0)
                } catch where !error.message.contains("does not fit") {
                    fatalError("a validated payload did not walk: \(payload.text): \(error)")
                } catch {}
            }
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

    var raw = JSONReader(RawJSON(unchecked: bytes[...]))
    _ = try? walk(&raw, depth: 0)

    _ = try? HandshakeResponse.decode(bytes[...])
    _ = try? HandshakeRequest.decode(bytes[...])
    _ = try? NegotiateResponse.decode(bytes[...])
    return 0
}

/// The payload values a message carries.
private func payloads(of message: HubMessage) -> [RawJSON] {
    switch message {
    case .invocation(let invocation): invocation.arguments
    case .streamInvocation(let invocation): invocation.arguments
    case .streamItem(let item): [item.item]
    case .completion(let completion):
        if case .result(let value) = completion.outcome { [value] } else { [] }
    default: []
    }
}

/// Reads any value by its kind; numbers are checked against `Double(String)` and
/// `Decimal(string:)`.
private func walk(_ reader: inout JSONReader, depth: Int) throws(HubProtocolError) {
    guard depth < 300 else { throw HubProtocolError("deep") }
    switch try reader.peekKind() {
    case .object: try reader.readObject { reader, _ throws(HubProtocolError) in try walk(&reader, depth: depth + 1) }
    case .array: try reader.readArray { reader throws(HubProtocolError) in try walk(&reader, depth: depth + 1) }
    case .string: _ = try reader.readString()
    case .bool: _ = try reader.readBool()
    case .null: _ = try reader.readNull()
    case .number:
        let raw = try reader.readRawValue()
        var number = JSONReader(raw)
        let value = try number.readDouble()
        guard let expected = Double(raw.text), expected.bitPattern == value.bitPattern else {
            fatalError("\(raw.text) read as \(value), the standard library says \(String(describing: Double(raw.text)))")
        }
        // The exact reading agrees with Foundation's decimal parser, including on refusals.
        var decimalReader = JSONReader(raw)
        let decimal = try? decimalReader.readDecimal()
        let expectedDecimal = Decimal(string: raw.text).flatMap { $0.isNaN ? nil : $0 }
        guard decimal == expectedDecimal else {
            fatalError("\(raw.text) read as decimal \(String(describing: decimal)), Foundation says \(String(describing: expectedDecimal))")
        }
    }
}

import NIOCore

/// Turns queued items into WebSocket frames according to a ``HubFraming``.
///
/// In the normal mode every message's pre-built frame is emitted as is (no copy); the fault modes
/// build new frames.
enum OutboundFramer {
    static func frames(for items: [OutboundItem], framing: HubFraming, emit: (ByteBuffer) -> Void) {
        switch framing {
        case .normal:
            for item in items {
                switch item {
                case .message(let message): emit(message.frame)
                case .control(let frame): emit(frame)
                }
            }
        case .split(let maxFrameBytes):
            for item in items {
                switch item {
                case .message(let message):
                    for chunk in chunks(of: message.payload, maxBytes: maxFrameBytes) {
                        emit(WebSocketFrameHeader.frame(opcode: .text, payload: chunk))
                    }
                case .control(let frame):
                    emit(frame)
                }
            }
        case .fragment(let maxFrameBytes):
            for item in items {
                switch item {
                case .message(let message):
                    let pieces = chunks(of: message.payload, maxBytes: maxFrameBytes)
                    for (index, piece) in pieces.enumerated() {
                        emit(
                            WebSocketFrameHeader.frame(
                                opcode: index == 0 ? .text : .continuation,
                                fin: index == pieces.count - 1,
                                payload: piece
                            )
                        )
                    }
                case .control(let frame):
                    emit(frame)
                }
            }
        case .batch(let maxMessages, _):
            var batch = ByteBuffer()
            var count = 0
            func flushBatch() {
                guard count > 0 else { return }
                emit(WebSocketFrameHeader.frame(opcode: .text, payload: batch))
                batch.clear()
                count = 0
            }
            for item in items {
                switch item {
                case .message(let message):
                    var payload = message.payload
                    batch.writeBuffer(&payload)
                    count += 1
                    if count >= max(1, maxMessages) { flushBatch() }
                case .control(let frame):
                    flushBatch()
                    emit(frame)
                }
            }
            flushBatch()
        }
    }

    /// Cuts `payload` into pieces of at most `maxBytes` (at least one byte each), ending each
    /// piece on a UTF-8 character boundary; a character longer than `maxBytes` stays whole.
    static func chunks(of payload: ByteBuffer, maxBytes: Int) -> [ByteBuffer] {
        let total = payload.readableBytes
        let maxBytes = max(1, maxBytes)
        guard total > maxBytes else { return [payload] }
        let base = payload.readerIndex
        func isContinuation(_ offset: Int) -> Bool {
            guard offset < total, let byte = payload.getInteger(at: base + offset, as: UInt8.self) else { return false }
            return byte & 0xC0 == 0x80
        }
        var result: [ByteBuffer] = []
        result.reserveCapacity(total / maxBytes + 1)
        var start = 0
        while start < total {
            var end = min(total, start + maxBytes)
            if end < total && isContinuation(end) {
                var back = end
                while back > start && isContinuation(back) { back -= 1 }
                if back > start {
                    end = back
                } else {
                    while end < total && isContinuation(end) { end += 1 }
                }
            }
            if let slice = payload.getSlice(at: base + start, length: end - start) {
                result.append(slice)
            }
            start = end
        }
        return result
    }
}

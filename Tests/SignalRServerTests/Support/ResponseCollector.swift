import NIOCore
import NIOConcurrencyHelpers

/// Collects the status codes of raw HTTP responses as they arrive on a client channel.
final class ResponseCollector: Sendable {
    private let received = NIOLockedValueBox([UInt8]())

    var statuses: [Int] {
        let text = received.withLockedValue { String(decoding: $0, as: UTF8.self) }
        return text.components(separatedBy: "HTTP/1.1 ").dropFirst().compactMap { Int($0.prefix(3)) }
    }

    func handler() -> Handler { Handler(collector: self) }

    fileprivate func append(_ bytes: ByteBuffer) {
        received.withLockedValue { $0.append(contentsOf: bytes.readableBytesView) }
    }

    final class Handler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        let collector: ResponseCollector

        init(collector: ResponseCollector) {
            self.collector = collector
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            collector.append(unwrapInboundIn(data))
        }
    }
}

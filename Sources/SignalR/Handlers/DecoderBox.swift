import Foundation

/// A `JSONDecoder` shared by the invocations of one handler. Safety: the decoder is configured
/// once at creation and never mutated afterwards; `JSONDecoder.decode` does not mutate the
/// decoder, so concurrent use is free of data races.
final class DecoderBox: @unchecked Sendable {
    let decoder = JSONDecoder()
}

@testable import SignalRProtocol

/// Builds random but valid hub messages for property tests.
struct RandomMessages {
    var generator: SeededGenerator

    init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    mutating func string() -> String {
        let alphabet: [Character] = Array("abcXYZ019 _-\"\\/\n\t\u{1}é😀{}[],:")
        let length = Int.random(in: 0...12, using: &generator)
        return String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "a" })
    }

    mutating func nonEmptyString() -> String {
        let value = string()
        return value.isEmpty ? "x" : value
    }

    mutating func json(depth: Int = 0) -> RawJSON {
        var writer = JSONWriter()
        writeValue(&writer, depth: depth)
        return RawJSON(unchecked: writer.bytes[...])
    }

    private mutating func writeValue(_ writer: inout JSONWriter, depth: Int) {
        let choice = Int.random(in: 0..<(depth > 3 ? 5 : 7), using: &generator)
        switch choice {
        case 0: writer.raw("null")
        case 1: writer.raw(Bool.random(using: &generator) ? "true" : "false")
        case 2: writer.integer(Int64.random(in: -1_000_000...1_000_000, using: &generator))
        case 3:
            let value = Double.random(in: -10_000...10_000, using: &generator)
            writer.verbatim("\(value)")
        case 4: writer.string(string())
        case 5:
            writer.byte(UInt8(ascii: "["))
            for index in 0..<Int.random(in: 0...4, using: &generator) {
                if index > 0 { writer.byte(UInt8(ascii: ",")) }
                writeValue(&writer, depth: depth + 1)
            }
            writer.byte(UInt8(ascii: "]"))
        default:
            writer.byte(UInt8(ascii: "{"))
            for index in 0..<Int.random(in: 0...4, using: &generator) {
                if index > 0 { writer.byte(UInt8(ascii: ",")) }
                writer.string(string())
                writer.byte(UInt8(ascii: ":"))
                writeValue(&writer, depth: depth + 1)
            }
            writer.byte(UInt8(ascii: "}"))
        }
    }

    private mutating func headers() -> [String: String] {
        Bool.random(using: &generator) ? [:] : [nonEmptyString(): string()]
    }

    private mutating func arguments() -> [RawJSON] {
        (0..<Int.random(in: 0...4, using: &generator)).map { _ in json() }
    }

    mutating func message() -> HubMessage {
        switch Int.random(in: 1...9, using: &generator) {
        case 1:
            return .invocation(
                .init(
                    invocationId: Bool.random(using: &generator) ? nonEmptyString() : nil,
                    target: nonEmptyString(),
                    arguments: arguments(),
                    streamIds: Bool.random(using: &generator) ? [] : [nonEmptyString()],
                    headers: headers()
                )
            )
        case 2:
            return .streamItem(.init(invocationId: nonEmptyString(), item: json(), headers: headers()))
        case 3:
            let outcome: CompletionMessage.Outcome
            switch Int.random(in: 0...2, using: &generator) {
            case 0: outcome = .void
            case 1: outcome = .result(json())
            default: outcome = .error(string())
            }
            return .completion(.init(invocationId: nonEmptyString(), outcome: outcome, headers: headers()))
        case 4:
            return .streamInvocation(.init(invocationId: nonEmptyString(), target: nonEmptyString(), arguments: arguments(), headers: headers()))
        case 5:
            return .cancelInvocation(.init(invocationId: nonEmptyString(), headers: headers()))
        case 6:
            return .ping
        case 7:
            return .close(.init(error: Bool.random(using: &generator) ? string() : nil, allowReconnect: Bool.random(using: &generator)))
        case 8:
            return .ack(sequenceId: Int64.random(in: 0...Int64.max, using: &generator))
        default:
            return .sequence(sequenceId: Int64.random(in: 0...Int64.max, using: &generator))
        }
    }
}

/// The properties of one hub message as read, before they are checked against its `type`.
///
/// Properties may arrive in any order, so a message is assembled only after the whole object has
/// been read.
struct MessageFields {
    var type: Int64?
    var invocationId: String?
    var target: String?
    var arguments: [RawJSON]?
    var streamIds: [String] = []
    var headers: [String: String] = [:]
    var item: RawJSON?
    var result: RawJSON?
    var error: String?
    var allowReconnect = false
    var sequenceId: Int64?

    mutating func read(key: String, from scanner: inout JSONScanner) throws(HubProtocolError) {
        switch key {
        case "type":
            type = try scanner.readInteger()
        case "invocationId":
            invocationId = try scanner.readOptionalString()
        case "target":
            target = try scanner.readOptionalString()
        case "arguments":
            if try scanner.peek() == UInt8(ascii: "n") {
                _ = try scanner.readRawValue()
            } else {
                arguments = try scanner.readRawArray()
            }
        case "streamIds":
            streamIds = try readStrings(&scanner, field: "streamIds")
        case "headers":
            headers = try readHeaders(&scanner)
        case "item":
            item = try scanner.readRawValue()
        case "result":
            result = try scanner.readRawValue()
        case "error":
            error = try scanner.readOptionalString()
        case "allowReconnect":
            allowReconnect = try scanner.readBool()
        case "sequenceId":
            sequenceId = try scanner.readInteger()
        default:
            try scanner.skipValue()
        }
    }

    private func readStrings(_ scanner: inout JSONScanner, field: String) throws(HubProtocolError) -> [String] {
        if try scanner.peek() == UInt8(ascii: "n") {
            _ = try scanner.readRawValue()
            return []
        }
        try scanner.expect(UInt8(ascii: "["))
        var strings: [String] = []
        if try scanner.consume(UInt8(ascii: "]")) { return strings }
        while true {
            guard try scanner.peek() == UInt8(ascii: "\"") else {
                throw HubProtocolError("'\(field)' must be an array of strings.")
            }
            strings.append(try scanner.readString())
            if try scanner.consume(UInt8(ascii: ",")) { continue }
            try scanner.expect(UInt8(ascii: "]"))
            return strings
        }
    }

    /// Headers are a string map; values of other types are skipped rather than failing the message,
    /// since the reference says to ignore headers that are not understood.
    private func readHeaders(_ scanner: inout JSONScanner) throws(HubProtocolError) -> [String: String] {
        if try scanner.peek() != UInt8(ascii: "{") {
            try scanner.skipValue()
            return [:]
        }
        var headers: [String: String] = [:]
        try scanner.readObject { (scanner: inout JSONScanner, key: String) throws(HubProtocolError) in
            if try scanner.peek() == UInt8(ascii: "\"") {
                headers[key] = try scanner.readString()
            } else {
                try scanner.skipValue()
            }
        }
        return headers
    }

    func message() throws(HubProtocolError) -> HubMessage? {
        guard let type else {
            throw HubProtocolError("The message has no numeric 'type' property.")
        }
        switch type {
        case 1:
            let target = try requireTarget("Invocation")
            if let invocationId, invocationId.isEmpty {
                throw HubProtocolError("An Invocation's 'invocationId' must not be empty.")
            }
            guard let arguments else { throw HubProtocolError("An Invocation needs an 'arguments' array.") }
            return .invocation(
                InvocationMessage(invocationId: invocationId, target: target, arguments: arguments, streamIds: streamIds, headers: headers)
            )
        case 2:
            let id = try requireInvocationId("StreamItem")
            guard let item else { throw HubProtocolError("A StreamItem needs an 'item' property.") }
            return .streamItem(StreamItemMessage(invocationId: id, item: item, headers: headers))
        case 3:
            let id = try requireInvocationId("Completion")
            let outcome: CompletionMessage.Outcome
            switch (result, error) {
            case (.some, .some):
                throw HubProtocolError("A Completion must not carry both 'result' and 'error'.")
            case (.some(let value), .none):
                outcome = .result(value)
            case (.none, .some(let text)):
                outcome = .error(text)
            case (.none, .none):
                outcome = .void
            }
            return .completion(CompletionMessage(invocationId: id, outcome: outcome, headers: headers))
        case 4:
            let id = try requireInvocationId("StreamInvocation")
            let target = try requireTarget("StreamInvocation")
            guard let arguments else { throw HubProtocolError("A StreamInvocation needs an 'arguments' array.") }
            return .streamInvocation(
                StreamInvocationMessage(invocationId: id, target: target, arguments: arguments, streamIds: streamIds, headers: headers)
            )
        case 5:
            return .cancelInvocation(CancelInvocationMessage(invocationId: try requireInvocationId("CancelInvocation"), headers: headers))
        case 6:
            return .ping
        case 7:
            return .close(CloseMessage(error: error, allowReconnect: allowReconnect))
        case 8:
            guard let sequenceId else { throw HubProtocolError("An Ack needs a numeric 'sequenceId'.") }
            return .ack(sequenceId: sequenceId)
        case 9:
            guard let sequenceId else { throw HubProtocolError("A Sequence needs a numeric 'sequenceId'.") }
            return .sequence(sequenceId: sequenceId)
        default:
            return nil
        }
    }

    private func requireInvocationId(_ kind: String) throws(HubProtocolError) -> String {
        guard let invocationId, !invocationId.isEmpty else {
            throw HubProtocolError("A \(kind) needs a non-empty 'invocationId'.")
        }
        return invocationId
    }

    private func requireTarget(_ kind: String) throws(HubProtocolError) -> String {
        guard let target, !target.isEmpty else {
            throw HubProtocolError("The \(kind) needs a non-empty 'target'.")
        }
        return target
    }
}

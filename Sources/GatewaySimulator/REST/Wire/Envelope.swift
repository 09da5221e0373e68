/// The response envelope `{ <payload>, success, errorCode, errorMessage }`. The payload field
/// is present (null on failure) when the endpoint defines one; `errorMessage` is always sent,
/// null on success.
struct Envelope<Payload: Encodable>: Encodable {
    let payloadKey: String?
    let payload: Payload?
    let success: Bool
    let errorCode: Int
    let errorMessage: String?

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: WireKey.self)
        if let payloadKey {
            if let payload { try container.encode(payload, forKey: WireKey(payloadKey)) } else {
                try container.encodeNil(forKey: WireKey(payloadKey))
            }
        }
        try container.encode(success, forKey: WireKey("success"))
        try container.encode(errorCode, forKey: WireKey("errorCode"))
        if let errorMessage { try container.encode(errorMessage, forKey: WireKey("errorMessage")) } else {
            try container.encodeNil(forKey: WireKey("errorMessage"))
        }
    }
}

/// Placeholder payload type for envelope-only responses.
struct NoPayload: Encodable {}

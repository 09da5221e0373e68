/// The fields every gateway response carries, read before the payload.
struct Envelope: Decodable, Sendable {
    var success: Bool
    var errorCode: Int
    var errorMessage: String?

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        success = try c.decode(Bool.self, forKey: .success)
        errorCode = try c.decodeIfPresent(Int.self, forKey: .errorCode) ?? 0
        errorMessage = try c.decodeIfPresent(String.self, forKey: .errorMessage)
    }

    enum CodingKeys: String, CodingKey { case success, errorCode, errorMessage }
}

/// A response with one payload field, named per endpoint (`accounts`, `contracts`, `orderId`…).
struct Payload<Value: Decodable & Sendable>: Decodable, Sendable {
    var value: Value?

    init(from decoder: any Decoder) throws {
        let key = decoder.userInfo[.payloadKey] as? String ?? ""
        let c = try decoder.container(keyedBy: AnyKey.self)
        value = try c.decodeIfPresent(Value.self, forKey: AnyKey(key))
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension CodingUserInfoKey {
    static let payloadKey = CodingUserInfoKey(rawValue: "px.payloadKey")!  // safe: a constant non-empty key
}

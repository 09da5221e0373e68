import Foundation

/// The body of an admin call: every field optional, unknown fields ignored, empty body allowed.
struct AdminRequest: Decodable, Sendable {
    var count: Int?
    var seconds: Double?
    var closed: Bool?
    var contractId: String?
    var price: Decimal?
    var hub: String?
    var allowReconnect: Bool?
    var error: String?
    var mode: String?
    var maxFrameBytes: Int?
    var messagesPerFrame: Int?
    var bytes: Int?
    var steps: Int?
    var kind: String?

    init() {}

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        count = try c.int32("count")
        // A duration, not money: a Double is the right type once the number is read.
        seconds = try c.decimal("seconds").map { NSDecimalNumber(decimal: $0).doubleValue }
        closed = try c.decodeIfPresent(Bool.self, forKey: WireKey("closed"))
        contractId = try c.optionalString("contractId")
        price = try c.decimal("price")
        hub = try c.optionalString("hub")
        allowReconnect = try c.decodeIfPresent(Bool.self, forKey: WireKey("allowReconnect"))
        error = try c.optionalString("error")
        mode = try c.optionalString("mode")
        maxFrameBytes = try c.int32("maxFrameBytes")
        messagesPerFrame = try c.int32("messagesPerFrame")
        bytes = try c.int32("bytes")
        steps = try c.int32("steps")
        kind = try c.optionalString("kind")
    }

    /// Parses `data`; an empty body is an empty request.
    static func parse(_ data: Data) -> Result<AdminRequest, AdminError> {
        guard !data.isEmpty else { return .success(AdminRequest()) }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .custom { path in path.last.map(WireKey.canonicalize) ?? WireKey("") }
        do {
            return .success(try decoder.decode(AdminRequest.self, from: data))
        } catch {
            return .failure(AdminError(message: "The body is not a valid admin request: \(error)"))
        }
    }

    /// The hub selector (`user`, `market` or `all`, default all).
    func hubSelector() -> Result<HubSelector, AdminError> {
        guard let hub else { return .success(.all) }
        guard let selector = HubSelector(rawValue: hub.lowercased()) else {
            return .failure(AdminError(message: "hub must be user, market or all"))
        }
        return .success(selector)
    }
}

/// An admin request that cannot be carried out (HTTP 400).
struct AdminError: Error, Encodable {
    let message: String
}

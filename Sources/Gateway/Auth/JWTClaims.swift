import Foundation

/// The claims of a JSON Web Token that the token lifecycle needs, read without verifying the
/// signature (the gateway verifies; the client only plans refreshes).
public struct JWTClaims: Sendable, Hashable {
    /// `exp`: when the token stops being accepted.
    public var expiresAt: Date?
    /// `iat`: when it was issued.
    public var issuedAt: Date?

    /// Reads the claims of a three-part JWT; `nil` when the token is not one or its payload is not
    /// JSON.
    public init?(token: String) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = Self.base64URLDecode(parts[1]),
            let object = try? JSONSerialization.jsonObject(with: payload) as? [String: Any]
        else { return nil }
        expiresAt = Self.date(object["exp"])
        issuedAt = Self.date(object["iat"])
    }

    /// A claim in seconds since 1970; nil unless finite and between 1970 and the year 5138
    /// (1e11 s), so that `inf`, `nan` or `1e300` never reach date arithmetic or an `Int` conversion.
    /// An unreadable `exp` makes the token lifecycle plan conservatively instead.
    private static func date(_ value: Any?) -> Date? {
        let seconds: Double?
        if let number = value as? NSNumber {
            seconds = number.doubleValue
        } else if let text = value as? String {
            seconds = Double(text)
        } else {
            seconds = nil
        }
        guard let seconds, seconds.isFinite, seconds >= 0, seconds <= 1e11 else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }

    static func base64URLDecode(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64.append("=") }
        return Data(base64Encoded: base64)
    }
}

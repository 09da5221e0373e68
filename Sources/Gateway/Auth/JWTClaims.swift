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

    private static func date(_ value: Any?) -> Date? {
        if let number = value as? NSNumber { return Date(timeIntervalSince1970: number.doubleValue) }
        if let text = value as? String, let seconds = Double(text) { return Date(timeIntervalSince1970: seconds) }
        return nil
    }

    static func base64URLDecode(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64.append("=") }
        return Data(base64Encoded: base64)
    }
}

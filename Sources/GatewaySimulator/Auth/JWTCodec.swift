import Crypto
import Foundation

/// HS256 JWT signing and verification (RFC 7519 compact form, base64url without padding).
struct JWTCodec: Sendable {
    /// The raw secret (SymmetricKey is not Sendable; it is rebuilt per use, which is cheap).
    private let secret: [UInt8]
    private static let header = #"{"alg":"HS256","typ":"JWT"}"#

    init(secret: [UInt8]) {
        self.secret = secret
    }

    private var key: SymmetricKey { SymmetricKey(data: secret) }

    /// `base64url(header).base64url(claims).base64url(HMAC-SHA256)`.
    func sign(_ claims: TokenClaims) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let payload = try encoder.encode(claims)
        let signingInput = JWTCodec.base64URL(Data(JWTCodec.header.utf8)) + "." + JWTCodec.base64URL(payload)
        let mac = HMAC<SHA256>.authenticationCode(for: Data(signingInput.utf8), using: key)
        return signingInput + "." + JWTCodec.base64URL(Data(mac))
    }

    /// Decodes and checks the structure and signature (not expiry).
    func verify(_ token: String) -> Result<TokenClaims, TokenRejection> {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
              let headerData = JWTCodec.decodeBase64URL(parts[0]),
              let payloadData = JWTCodec.decodeBase64URL(parts[1]),
              let signature = JWTCodec.decodeBase64URL(parts[2]),
              let header = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any],
              header["alg"] as? String == "HS256"
        else { return .failure(.malformed) }
        let signingInput = Data("\(parts[0]).\(parts[1])".utf8)
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signingInput, using: key) else {
            return .failure(.badSignature)
        }
        guard let claims = try? JSONDecoder().decode(TokenClaims.self, from: payloadData) else {
            return .failure(.malformed)
        }
        return .success(claims)
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decodeBase64URL(_ text: Substring) -> Data? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 < 128 }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        let remainder = base64.utf8.count % 4
        if remainder == 1 { return nil }
        if remainder > 0 { base64 += String(repeating: "=", count: 4 - remainder) }
        return Data(base64Encoded: base64)
    }
}

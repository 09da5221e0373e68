import Crypto
import Foundation

/// TokenRedaction of secrets for logs. Tokens and API keys are never logged in clear.
enum TokenRedaction {
    /// A stable, non-reversible label for a token: its length and the first 8 hex digits of its
    /// SHA-256, e.g. `jwt(len=312,sha256=1a2b3c4d)`. Equal tokens get equal labels.
    static func token(_ token: String) -> String {
        let digest = SHA256.hash(data: Data(token.utf8))
        let hex = digest.prefix(4).map { String(format: "%02x", $0) }.joined()
        return "jwt(len=\(token.utf8.count),sha256=\(hex))"
    }
}

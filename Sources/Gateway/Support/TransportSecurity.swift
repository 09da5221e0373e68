import Foundation

/// The rule that keeps the API key and tokens off the wire in clear text: plain `http` (and `ws`)
/// only to a loopback host, such as a local simulator; everything else must be `https` (`wss`).
///
/// ```swift
/// TransportSecurity.problem(with: URL(string: "http://127.0.0.1:5000")!)    // nil: loopback
/// TransportSecurity.problem(with: URL(string: "http://api.example.com")!)   // "plain http to api.example.com ..."
/// ```
public enum TransportSecurity {
    /// Credentials were not sent because the URL is not safe for them.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public let reason: String
        public var description: String { "Refused to connect: \(reason)." }
    }

    /// Why credentials must not be sent to `url`, or nil when they may.
    public static func problem(with url: URL) -> String? {
        let scheme = url.scheme?.lowercased() ?? ""
        let host = url.host ?? ""
        switch scheme {
        case "https", "wss":
            return nil
        case "http", "ws":
            guard isLoopback(host: host) else {
                return "plain \(scheme) to \(host.isEmpty ? "an unnamed host" : host) would send the credentials unencrypted; "
                    + "use https (plain http is allowed only to loopback hosts such as 127.0.0.1 or localhost)"
            }
            return nil
        default:
            return "\(scheme.isEmpty ? "a URL without a scheme" : "the scheme \(scheme)") is not http or https"
        }
    }

    /// Whether `host` names this machine: `localhost`, `127.0.0.0/8` or `::1`.
    public static func isLoopback(host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if host == "localhost" || host.hasSuffix(".localhost") || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { octet in UInt8(octet) != nil }
    }
}

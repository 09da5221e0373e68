/// Renders secrets for logs, errors and descriptions without revealing them.
///
/// A token or API key never appears in output; what remains is enough to tell two apart in a log
/// (the length) without being usable.
public enum Redaction {
    /// `"<redacted token, 312 chars>"`.
    public static func token(_ token: String?) -> String {
        guard let token else { return "<no token>" }
        return "<redacted token, \(token.utf8.count) chars>"
    }

    /// `"<redacted>"`.
    public static let secret = "<redacted>"

    /// Replaces the values of secret-bearing query parameters (`access_token`) in a URL string.
    public static func url(_ url: String) -> String {
        guard let range = url.range(of: "access_token=") else { return url }
        let valueStart = range.upperBound
        let valueEnd = url[valueStart...].firstIndex(of: "&") ?? url.endIndex
        return url.replacingCharacters(in: valueStart..<valueEnd, with: "REDACTED")
    }
}

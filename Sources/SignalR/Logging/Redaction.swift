/// Removes secrets from text before it is logged or put in an error description.
///
/// The values of the query parameters `access_token` and `id` (the secret connection token) are
/// replaced by `<redacted>`; everything else is kept.
///
/// ```swift
/// Redaction.url("wss://h/hub?id=abc&access_token=eyJ") // "wss://h/hub?id=<redacted>&access_token=<redacted>"
/// ```
public enum Redaction {
    /// The query parameters whose values are secrets.
    public static let secretQueryParameters: Set<String> = ["access_token", "id"]

    /// `text` with the values of secret query parameters replaced.
    public static func url(_ text: String) -> String {
        guard let queryStart = text.firstIndex(of: "?") else { return text }
        let base = text[..<queryStart]
        var rest = text[text.index(after: queryStart)...]
        var fragment = ""
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[hash...])
            rest = rest[..<hash]
        }
        let parts = rest.split(separator: "&", omittingEmptySubsequences: false).map { part -> String in
            guard let equals = part.firstIndex(of: "=") else { return String(part) }
            let name = part[..<equals]
            if secretQueryParameters.contains(name.lowercased()) {
                return "\(name)=<redacted>"
            }
            return String(part)
        }
        return base + "?" + parts.joined(separator: "&") + fragment
    }

    /// Any text that may contain URLs: each `?query` found is redacted, as is a bearer token.
    public static func text(_ text: String) -> String {
        var result = ""
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        for index in words.indices {
            if words[index].contains("?") { words[index] = url(words[index]) }
            if index > 0, words[index - 1].lowercased() == "bearer" { words[index] = "<redacted>" }
        }
        result = words.joined(separator: " ")
        return result
    }
}

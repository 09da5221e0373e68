import Foundation

/// RFC 7807 ProblemDetails as ASP.NET sends it for a body that does not bind (HTTP 400).
struct ProblemDetails: Encodable {
    var type = "https://tools.ietf.org/html/rfc9110#section-15.5.1"
    var title = "One or more validation errors occurred."
    var status = 400
    var errors: [String: [String]]
    var traceId: String

    init(errors: [String: [String]]) {
        self.errors = errors
        let hex = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        self.traceId = "00-\(hex)-\(hex.prefix(16))-00"
    }
}

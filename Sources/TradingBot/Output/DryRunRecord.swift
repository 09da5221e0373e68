import Foundation

/// The JSON line `--dry-run --json` prints for each write it would send:
///
/// ```json
/// {"body":{"accountId":8101001,"orderId":7100000001},"dryRun":true,"method":"POST","url":"https://api.topstepx.com/api/Order/cancel"}
/// ```
struct DryRunRecord: Encodable, Sendable {
    /// Encodes any request body in place.
    struct Body: Encodable, Sendable {
        let value: any Encodable & Sendable

        func encode(to encoder: any Encoder) throws {
            try value.encode(to: encoder)
        }
    }

    let dryRun = true
    let method = "POST"
    let url: String
    let body: Body

    init(_ request: WriteRequest, apiRoot: URL) {
        url = request.url(apiRoot: apiRoot)
        body = Body(value: request.body)
    }

    private enum CodingKeys: String, CodingKey { case dryRun, method, url, body }
}

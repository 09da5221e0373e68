import Foundation
import Hummingbird
import NIOCore
import NIOFoundationCompat

/// Reads and binds request bodies, turning every binding failure into the HTTP 400
/// ProblemDetails the gateway's ASP.NET binder produces.
enum BodyBinding {
    static let maximumBodySize = 1 << 20

    /// Decodes `T` from the body, or returns the 400 response to send.
    static func bind<T: Decodable>(_ type: T.Type, from request: Request) async -> Result<T, ResponseFailure> {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maximumBodySize)
        } catch {
            return .failure(ResponseFailure(WireResponse.problem(["": ["The request body is too large."]])))
        }
        guard buffer.readableBytes > 0 else {
            return .failure(ResponseFailure(WireResponse.problem(["": ["A non-empty request body is required."]])))
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .custom { path in
            path.last.map(WireKey.canonicalize) ?? WireKey("")
        }
        do {
            return .success(try decoder.decode(T.self, from: Data(buffer: buffer)))
        } catch let error as DecodingError {
            return .failure(ResponseFailure(WireResponse.problem(problemErrors(for: error))))
        } catch {
            return .failure(ResponseFailure(WireResponse.problem(["$": ["The input is not valid JSON."], "request": ["The request field is required."]])))
        }
    }

    /// ASP.NET-style `errors` for a decoding failure. Conversion failures also carry the
    /// misleading `"request": ["The request field is required."]` the real binder adds.
    static func problemErrors(for error: DecodingError) -> [String: [String]] {
        switch error {
        case .keyNotFound(let key, _):
            let name = pascalCase(key.stringValue)
            return [name: ["The \(name) field is required."]]
        case .valueNotFound(_, let context):
            let name = pascalCase(context.codingPath.last?.stringValue ?? "request")
            return [name: ["The \(name) field is required."]]
        case .typeMismatch(let type, let context):
            let path = jsonPath(context.codingPath)
            return [
                path: ["The JSON value could not be converted to \(dotnetName(of: type)). Path: \(path) | LineNumber: 0 | BytePositionInLine: 0."],
                "request": ["The request field is required."],
            ]
        case .dataCorrupted(let context):
            let path = jsonPath(context.codingPath)
            let target = context.debugDescription.hasPrefix("System.") ? context.debugDescription : "the target type"
            return [
                path: ["The JSON value could not be converted to \(target). Path: \(path) | LineNumber: 0 | BytePositionInLine: 0."],
                "request": ["The request field is required."],
            ]
        @unknown default:
            return ["request": ["The request field is required."]]
        }
    }

    static func jsonPath(_ codingPath: [any CodingKey]) -> String {
        var path = "$"
        for key in codingPath {
            if let index = key.intValue { path += "[\(index)]" } else { path += ".\(key.stringValue)" }
        }
        return path
    }

    static func pascalCase(_ name: String) -> String {
        guard let first = name.first else { return name }
        return first.uppercased() + name.dropFirst()
    }

    static func dotnetName(of type: Any.Type) -> String {
        switch type {
        case is Int32.Type: "System.Int32"
        case is Int64.Type: "System.Int64"
        case is Bool.Type: "System.Boolean"
        case is Decimal.Type: "System.Decimal"
        case is String.Type: "System.String"
        default: "the target type"
        }
    }
}

/// A finished response carried through a `Result` failure.
struct ResponseFailure: Error {
    let response: Response
    init(_ response: Response) { self.response = response }
}

import Foundation
import SignalRProtocol

/// Decodes handler arguments and results, turning failures into ``SignalRError/decodingFailed(_:)``.
enum ArgumentDecoding {
    static func decode<T: Decodable>(_ type: T.Type, from value: RawJSON, decoder: JSONDecoder, what: @autoclosure () -> String) throws(SignalRError) -> T {
        do {
            return try decoder.decode(T.self, from: Data(value.bytes))
        } catch {
            throw .decodingFailed("\(what()) is not a \(T.self): \(describe(error))")
        }
    }

    static func argument<T: Decodable>(_ type: T.Type, at index: Int, of arguments: [RawJSON], method: String, decoder: JSONDecoder) throws(SignalRError) -> T {
        guard index < arguments.count else {
            throw .decodingFailed("'\(method)' was called with \(arguments.count) argument(s); the handler needs at least \(index + 1).")
        }
        return try decode(T.self, from: arguments[index], decoder: decoder, what: "Argument \(index + 1) of '\(method)'")
    }

    static func encode(_ value: any Encodable, encoder: JSONEncoder = JSONEncoder()) throws(SignalRError) -> RawJSON {
        do {
            return try RawJSON(encoding: value, encoder: encoder)
        } catch {
            throw .encodingFailed("\(type(of: value)) could not be encoded: \(error)")
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
            DecodingError.keyNotFound(_, let context), DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return context.debugDescription + (path.isEmpty ? "" : " (at \(path))")
        default:
            return "\(error)"
        }
    }
}

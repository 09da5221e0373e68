import Foundation
import Testing
@testable import TradingBot
import TestGate

@Suite("Types holding the API key never print it", .gated)
struct SecretDescriptionTests {
    @Test func configurationTypes() throws {
        let key = "sk-live-0123456789"
        let flags = ConfigurationFlags(userName: "trader", apiKey: key, apiURL: nil, realtimeURL: nil)
        let file = try ConfigurationFile(data: Data(#"{"username": "trader", "apiKey": "\#(key)"}"#.utf8), path: "/c.json")
        let resolved = try ConfigurationResolver(environment: ["PROJECTX_API_KEY": key], readFile: { _ in nil }).resolve(ConfigurationFlags())
        for value in [flags as Any, file as Any, resolved as Any] {
            var dumped = ""
            dump(value, to: &dumped)
            for text in [String(describing: value), String(reflecting: value), "\(value)", dumped] {
                #expect(!text.contains(key), "\(text)")
                #expect(text.contains("<redacted>"), "\(text)")
            }
        }
    }
}

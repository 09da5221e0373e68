import Foundation
import Testing
@testable import TradingBot
import TestGate

@Suite("The config file format", .gated)
struct ConfigurationFileTests {
    func parse(_ json: String) throws(CLIError) -> ConfigurationFile {
        try ConfigurationFile(data: Data(json.utf8), path: "/c.json")
    }

    @Test func readsEveryKey() throws {
        let file = try parse(#"{"username": "u", "apiKey": "k", "apiUrl": "https://a", "rtcUrl": "https://r", "maxOrderSize": 4}"#)
        #expect(file == ConfigurationFile(username: "u", apiKey: "k", apiUrl: "https://a", rtcUrl: "https://r", maxOrderSize: 4))
        let zoned = try parse(#"{"timeZone": "Asia/Tokyo", "account": "PRAC-1"}"#)
        #expect(zoned == ConfigurationFile(timeZone: "Asia/Tokyo", account: "PRAC-1"))
    }

    @Test func theAccountIsAnIdOrAName() throws {
        #expect(try parse(#"{"account": 8101001}"#).account == "8101001")
        #expect(try parse(#"{"account": " PRAC-V2-1 "}"#).account == "PRAC-V2-1")
        for bad in [#"{"account": ""}"#, #"{"account": true}"#, #"{"account": [1]}"#, #"{"account": 1.5}"#] {
            let error = #expect(throws: CLIError.self, "\(bad)") { try parse(bad) }
            #expect(error?.message.contains(#""account" in the config file"#) == true, "\(bad): \(String(describing: error))")
        }
    }

    @Test func everyKeyIsOptionalAndUserNameIsAnAlias() throws {
        #expect(try parse("{}") == ConfigurationFile())
        #expect(try parse(#"{"userName": "u"}"#).username == "u")
        #expect(try parse(#"{"apiKey": null}"#).apiKey == nil)
    }

    @Test func unknownKeysAreErrorsNamingTheKeyAndTheFile() {
        let error = #expect(throws: CLIError.self) { try parse(#"{"apikey": "k"}"#) }
        #expect(error?.status == .configuration)
        #expect(error?.message.contains("\"apikey\"") == true)
        #expect(error?.message.contains("/c.json") == true)
        #expect(error?.message.contains("apiKey") == true)
    }

    @Test func wrongTypesAreErrors() {
        for json in [#"{"apiKey": 5}"#, #"{"maxOrderSize": "5"}"#, #"{"maxOrderSize": 2.5}"#, "[1]"] {
            let error = #expect(throws: CLIError.self) { try parse(json) }
            #expect(error?.status == .configuration, "\(json)")
        }
        let error = #expect(throws: CLIError.self) { try parse(#"{"maxOrderSize": 0}"#) }
        #expect(error?.message.contains("1 or more") == true)
        let huge = #expect(throws: CLIError.self) { try parse(#"{"maxOrderSize": 3000000000}"#) }
        #expect(huge?.message == "\"maxOrderSize\" in the config file /c.json must be at most 2147483647 (it is 3000000000).")
    }

    @Test func noConfirmAccountsTakesIdsAsNumbersOrStringsAndExactNames() throws {
        #expect(try parse(#"{"noConfirmAccounts": [8101002, "8101003", " 50KTC-V2-51342-19084532 "]}"#).noConfirmAccounts
            == ["8101002", "8101003", "50KTC-V2-51342-19084532"])
        #expect(try parse(#"{"noConfirmAccounts": []}"#).noConfirmAccounts.isEmpty)
        #expect(try parse("{}").noConfirmAccounts.isEmpty)
    }

    @Test(arguments: [#"{"noConfirmAccounts": "8101002"}"#, #"{"noConfirmAccounts": [true]}"#, #"{"noConfirmAccounts": [""]}"#, #"{"noConfirmAccounts": [1.5]}"#, #"{"noConfirmAccounts": [["a"]]}"#])
    func noConfirmAccountsOfTheWrongShapeIsAnError(json: String) {
        let error = #expect(throws: CLIError.self) { try parse(json) }
        #expect(error?.status == .configuration)
        #expect(error?.message == "\"noConfirmAccounts\" in the config file /c.json must be a list of account ids or exact account names (see `trading-bot --help` for the format).")
    }

    @Test func requestTimeoutIsSecondsWithinLimits() {
        #expect((try? parse(#"{"requestTimeout": 2.5}"#))?.requestTimeout == 2.5)
        for json in [#"{"requestTimeout": 0}"#, #"{"requestTimeout": 7200}"#] {
            let error = #expect(throws: CLIError.self) { try parse(json) }
            #expect(error?.message.contains("between 0.1 and 3600 seconds") == true, "\(json)")
        }
        let error = #expect(throws: CLIError.self) { try parse(#"{"requestTimeout": "30"}"#) }
        #expect(error?.message.contains("must be a number of seconds") == true)
    }

    @Test func invalidJSONIsAnError() {
        let error = #expect(throws: CLIError.self) { try parse("{username: u}") }
        #expect(error?.message.contains("not valid JSON") == true)
    }
}

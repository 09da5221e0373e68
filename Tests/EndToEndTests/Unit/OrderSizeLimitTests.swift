import Testing
@testable import TradingBot
import TestGate

/// `--max-order-size`, then `maxOrderSize` in the config file, then the default of 2.
@Suite("Order-size limit", .gated)
struct OrderSizeLimitTests {
    @Test func theFlagWinsOverTheFileWhichWinsOverTheDefault() {
        #expect(OrderSizeLimit(flag: 7, file: 5, configFile: "/c.json") == OrderSizeLimit(flag: 7, file: nil, configFile: "/c.json"))
        #expect(OrderSizeLimit(flag: 7, file: 5, configFile: "/c.json").maximum == 7)
        #expect(OrderSizeLimit(flag: 7, file: 5, configFile: "/c.json").source == .flag)
        #expect(OrderSizeLimit(flag: nil, file: 5, configFile: "/c.json").maximum == 5)
        #expect(OrderSizeLimit(flag: nil, file: 5, configFile: "/c.json").source == .file("/c.json"))
        #expect(OrderSizeLimit(flag: nil, file: nil, configFile: nil).maximum == 2)
        #expect(OrderSizeLimit(flag: nil, file: nil, configFile: nil).source == .defaultValue)
        #expect(OrderSizeLimit.defaultMaximum == 2)
    }

    @Test func sizesUpToTheLimitPass() throws {
        for size in 1...2 { try OrderSizeLimit(flag: nil, file: nil, configFile: nil).check(size) }
        for size in 1...5 { try OrderSizeLimit(flag: nil, file: 5, configFile: "/c.json").check(size) }
        try OrderSizeLimit(flag: 40, file: 5, configFile: "/c.json").check(40)
    }

    @Test func theDefaultSaysItIsTheDefaultAndHowToChangeIt() {
        let limit = OrderSizeLimit(flag: nil, file: nil, configFile: nil, configPathHint: "/home/me/.config/trading-bot/config.json")
        let error = #expect(throws: CLIError.self) { try limit.check(3) }
        #expect(error?.status == .usage)
        #expect(error?.message == "Size 3 exceeds maxOrderSize 2 (the default); lower it, pass --max-order-size 3 for this command, or set \"maxOrderSize\" in /home/me/.config/trading-bot/config.json.")
    }

    @Test func theFileLimitNamesTheFile() {
        let error = #expect(throws: CLIError.self) { try OrderSizeLimit(flag: nil, file: 5, configFile: "/c.json").check(6, what: "New size") }
        #expect(error?.message == "New size 6 exceeds maxOrderSize 5 set in /c.json; lower it, pass --max-order-size 6 for this command, or raise maxOrderSize.")
    }

    @Test func theFlagLimitNamesTheFlag() {
        let error = #expect(throws: CLIError.self) { try OrderSizeLimit(flag: 3, file: 10, configFile: "/c.json").check(4, what: "--size") }
        #expect(error?.message == "--size 4 exceeds --max-order-size 3; lower it or raise --max-order-size.")
    }

    @Test func valuesForTheLimitItselfAreChecked() {
        #expect(OrderSizeLimit.problem(with: 1, setting: "--max-order-size") == nil)
        #expect(OrderSizeLimit.problem(with: Int(Int32.max), setting: "--max-order-size") == nil)
        #expect(OrderSizeLimit.problem(with: 0, setting: "--max-order-size") == "--max-order-size must be 1 or more (it is 0).")
        #expect(OrderSizeLimit.problem(with: -3, setting: "--max-order-size") == "--max-order-size must be 1 or more (it is -3).")
        #expect(OrderSizeLimit.problem(with: Int(Int32.max) + 1, setting: "--max-order-size") == "--max-order-size must be at most 2147483647 (it is 2147483648).")
    }

    @Test func theFlagIsValidatedWhileParsing() {
        for bad in ["0", "-1", "abc", "2.5", "99999999999999999999", "2147483648"] {
            #expect(throws: (any Error).self, "\(bad)") {
                try CloseCommand.parse(["--account", "1", "--contract", "MES", "--max-order-size", bad])
            }
        }
        #expect(throws: Never.self) { try CloseCommand.parse(["--account", "1", "--contract", "MES", "--max-order-size", "10"]) }
    }
}

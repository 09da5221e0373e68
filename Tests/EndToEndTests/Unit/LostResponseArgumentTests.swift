import ArgumentParser
import GatewaySimulator
import Testing
@testable import TradingBot
import TestGate

@Suite("trading-bot simulator --lose-response", .gated)
struct LostResponseArgumentTests {
    @Test func parsesKindModeAndCount() {
        #expect(LostResponseArgument(argument: "place:reset") == LostResponseArgument(kind: .place, mode: .reset, count: 1))
        #expect(LostResponseArgument(argument: "Cancel:STATUS500:3") == LostResponseArgument(kind: .cancel, mode: .status500, count: 3))
        #expect(LostResponseArgument(argument: "close:reset-unexecuted") == LostResponseArgument(kind: .close, mode: .resetUnexecuted))
        for bad in ["place", "place:", "place:reset:0", "place:reset:x", "place:reset:1:2", "flatten:reset", ":reset", ""] {
            #expect(LostResponseArgument(argument: bad) == nil, "\(bad)")
        }
    }

    @Test func armsTheSimulatorFromTheStart() throws {
        let command = try SimulatorCommand.parse(["--lose-response", "place:hang:2", "--lose-response", "modify:garble"])
        let faults = command.simulatorConfiguration.initialFaults.lostResponses
        #expect(faults[.place] == LostResponseSwitch(mode: .hang, remaining: 2))
        #expect(faults[.modify] == LostResponseSwitch(mode: .garble, remaining: 1))
        #expect(faults[.cancel] == nil)
    }
}

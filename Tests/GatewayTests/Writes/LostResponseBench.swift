import Foundation
import Gateway
import GatewaySimulator
import Testing

/// A simulator, a client whose request timeout suits the fault (short for `hang`), the practice
/// account and the MES contract.
struct LostResponseBench {
    let simulator: GatewaySimulator
    let client: GatewayClient
    let account: Int
    let contract: String

    /// The practice account's orders as the exchange holds them.
    func exchangeOrders() async -> [SimOrder] {
        let result = await simulator.core.exchange.orders(accountId: account, from: .distantPast, to: nil, by: SimulatedUser.defaultUserName)
        return (try? result.get()) ?? []
    }

    static func with(
        mode: LostResponseMode? = nil, requestTimeout: Duration? = nil, _ body: (LostResponseBench) async throws -> Void
    ) async throws {
        let fixture = try await SimulatorFixture.start()
        let client = fixture.client { configuration in
            // A hang lasts until the client gives up: keep that short, yet generous for a loaded machine.
            configuration.requestTimeout = requestTimeout ?? (mode == .hang ? .seconds(5) : .seconds(15))
            configuration.orderTagPrefix = "gw"
        }
        do {
            let account = try #require(try await client.accounts().first { $0.canTrade }).id
            let contract = try await client.resolveContract("MES").id
            try await body(LostResponseBench(simulator: fixture.simulator, client: client, account: account, contract: contract))
        } catch {
            await fixture.stop()
            throw error
        }
        await fixture.stop()
    }
}

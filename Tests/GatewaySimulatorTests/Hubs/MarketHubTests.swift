import Foundation
import SignalRProtocol
import Testing

@testable import GatewaySimulator
import TestGate

@Suite("Hubs: market hub", .gated)
struct MarketHubTests {
    @Test func quotesCarryContractIdAndAQuoteWhoseSymbolIsTheSymbolId() async throws {
        try await withHubs { sim in
            let socket = try await sim.connect("market", token: try await sim.login())
            let completion = try await socket.call("SubscribeContractQuotes", ["\"\(esContract)\""], id: "7")
            #expect(completion.invocationId == "7" && completion.outcome == .void)
            let first = try await socket.nextInvocation("GatewayQuote")
            #expect(first.invocationId == nil, "events are invocations without an id")
            let arguments = jsonArguments(first)
            #expect(arguments.count == 2)
            #expect(arguments.first as? String == esContract)
            let quote = try #require(arguments.last as? [String: Any])
            #expect(quote["symbol"] as? String == "F.US.EP")
            #expect(quote["symbolName"] as? String == "/ES")
            for field in ["lastPrice", "bestBid", "bestAsk", "change", "changePercent", "open", "high", "low", "volume"] {
                #expect(number(quote[field]) != nil, "\(field) is a number")
            }
            #expect(quote["lastUpdated"] is String && quote["timestamp"] is String)
            #expect(await sim.simulator.setMarketPrice(contractId: esContract, price: dec("6100.25")))
            let moved = try #require(jsonArguments(try await socket.nextInvocation("GatewayQuote")).last as? [String: Any])
            #expect(number(moved["lastPrice"]) == 6_100.25)
            #expect(number(moved["bestBid"]) == 6_100.25 && number(moved["bestAsk"]) == 6_100.5)
            await socket.close()
        }
    }

    /// Prices are written from whole ticks as exact decimal text: a ZN (1/64) quote, trade and
    /// depth carry `111.546875`, never a rounded or binary form.
    @Test func pricesAreWrittenExactly() async throws {
        try await withHubs { sim in
            let zn = try #require(ContractCatalog(asOf: testEpoch).activeContracts.first { $0.product.root == "ZN" })
            let socket = try await sim.connect("market", token: try await sim.login())
            for method in ["SubscribeContractQuotes", "SubscribeContractTrades", "SubscribeContractMarketDepth"] {
                #expect(try await socket.call(method, ["\"\(zn.id)\""]).outcome == .void)
            }
            #expect(await sim.simulator.setMarketPrice(contractId: zn.id, price: dec("111.546875")))
            // The subscriptions' snapshots may arrive before or after their completions: read
            // events until the move's trade, depth and quote have all been seen.
            var trade: String?, depth: String?, quote: String?
            let deadline = ContinuousClock.now + .seconds(10)
            while trade == nil || depth == nil || quote == nil, ContinuousClock.now < deadline {
                let event = try await socket.nextInvocation(timeout: deadline - ContinuousClock.now)
                guard event.arguments.count > 1 else { continue }
                let text = event.arguments[1].text
                switch event.target {
                case "GatewayTrade" where text.contains("111.546875"): trade = text
                case "GatewayDepth" where text.contains(#""type":4,"price":111.546875,"#): depth = text
                case "GatewayQuote" where text.contains(#""lastPrice":111.546875"#): quote = text
                default: continue
                }
            }
            #expect(trade?.contains(#""price":111.546875,"#) == true, "\(trade ?? "no trade")")
            #expect(depth?.contains(#""type":3,"price":111.5625,"#) == true, "the best ask, a 64th above: \(depth ?? "no depth")")
            #expect(quote?.contains(#""lastPrice":111.546875,"bestBid":111.546875,"bestAsk":111.5625,"#) == true, "\(quote ?? "no quote")")
            await socket.close()
        }
    }

    @Test func tradesAreArrays() async throws {
        try await withHubs { sim in
            let socket = try await sim.connect("market", token: try await sim.login())
            #expect(try await socket.call("SubscribeContractTrades", ["\"\(mesContract)\""]).outcome == .void)
            #expect(await sim.simulator.setMarketPrice(contractId: mesContract, price: 6_050))
            let arguments = jsonArguments(try await socket.nextInvocation("GatewayTrade"))
            #expect(arguments.count == 2 && arguments.first as? String == mesContract)
            let trades = try #require(arguments.last as? [[String: Any]])
            let trade = try #require(trades.first)
            #expect(trades.count == 1)
            #expect(trade["symbolId"] as? String == "F.US.MES")
            #expect(number(trade["price"]) == 6_050 && integer(trade["volume"]) == 1)
            #expect(integer(trade["type"]) == 0 || integer(trade["type"]) == 1)
            #expect(trade["timestamp"] is String)
            await sim.simulator.advanceMarket(steps: 20)
            for _ in 0..<3 {
                #expect(jsonArguments(try await socket.nextInvocation("GatewayTrade")).last is [[String: Any]])
            }
            await socket.close()
        }
    }

    @Test func depthStartsWithResetAndTheWholeLadder() async throws {
        try await withHubs { sim in
            let socket = try await sim.connect("market", token: try await sim.login())
            #expect(try await socket.call("SubscribeContractMarketDepth", ["\"\(esContract)\""]).outcome == .void)
            let arguments = jsonArguments(try await socket.nextInvocation("GatewayDepth"))
            #expect(arguments.count == 2 && arguments.first as? String == esContract)
            let entries = try #require(arguments.last as? [[String: Any]])
            let types = entries.compactMap { integer($0["type"]) }
            #expect(types == [6] + Array(repeating: 1, count: 10) + Array(repeating: 2, count: 10) + [3, 4])
            for entry in entries {
                #expect(entry["timestamp"] is String && number(entry["price"]) != nil)
                #expect(integer(entry["volume"]) == integer(entry["currentVolume"]))
            }
            await sim.simulator.advanceMarket(steps: 20)
            let increment = try #require(jsonArguments(try await socket.nextInvocation("GatewayDepth")).last as? [[String: Any]])
            #expect(!increment.isEmpty && integer(increment.first?["type"]) != 6)
            await socket.close()
        }
    }

    @Test func badArgumentsAreHubErrors() async throws {
        try await withHubs { sim in
            let socket = try await sim.connect("market", token: try await sim.login())
            let unknown = try await socket.call("SubscribeContractQuotes", ["\"CON.F.US.NOPE.Z99\""])
            #expect(completionError(unknown)?.contains("Contract 'CON.F.US.NOPE.Z99' was not found") == true)
            #expect(completionError(unknown)?.hasPrefix("An unexpected error occurred invoking 'SubscribeContractQuotes' on the server. HubException:") == true)
            let expired = try #require(sim.core.catalog.expiredContracts.first?.id)
            let inactive = try await socket.call("SubscribeContractMarketDepth", ["\"\(expired)\""], id: "2")
            #expect(completionError(inactive)?.contains("has no market data") == true)
            let unsubscribeUnknown = try await socket.call("UnsubscribeContractTrades", ["\"CON.F.US.NOPE.Z99\""], id: "3")
            #expect(completionError(unsubscribeUnknown) != nil)
            for (arguments, id) in [([String](), "4"), (["42"], "5"), (["\"\(esContract)\"", "1"], "6")] {
                let completion = try await socket.call("SubscribeContractTrades", arguments, id: id)
                #expect(completionError(completion) == "Failed to invoke 'SubscribeContractTrades' due to an error on the server.")
            }
            let caseInsensitive = try await socket.call("subscribecontractquotes", ["\"\(esContract)\""], id: "8")
            #expect(caseInsensitive.outcome == .void)
            await socket.close()
        }
    }

    @Test func contractIdsMatchCaseInsensitivelyAndEventsCarryTheListedId() async throws {
        try await withHubs { sim in
            let socket = try await sim.connect("market", token: try await sim.login())
            #expect(try await socket.call("SubscribeContractQuotes", ["\"\(esContract.lowercased())\""]).outcome == .void)
            #expect(jsonArguments(try await socket.nextInvocation("GatewayQuote")).first as? String == esContract)
            await socket.close()
        }
    }

    @Test func unsubscribingStopsEventsAndSubscriptionsDieWithTheConnection() async throws {
        try await withHubs { sim in
            let token = try await sim.login()
            let socket = try await sim.connect("market", token: token)
            #expect(try await socket.call("SubscribeContractQuotes", ["\"\(esContract)\""]).outcome == .void)
            _ = try await socket.nextInvocation("GatewayQuote")
            #expect(sim.core.feed.subscriberCount == 1)
            #expect(try await socket.call("UnsubscribeContractQuotes", ["\"\(esContract)\""], id: "2").outcome == .void)
            await sim.simulator.advanceMarket(steps: 20)
            try await socket.expectNoMessage(for: .milliseconds(200))
            await socket.close()
            #expect(await sim.eventually { sim.core.feed.subscriberCount == 0 && sim.hubs.marketHub?.connectionCount == 0 })

            let fresh = try await sim.connect("market", token: token)
            await sim.simulator.advanceMarket(steps: 20)
            try await fresh.expectNoMessage(for: .milliseconds(200))
            #expect(sim.core.feed.subscriberCount == 0, "a connection without subscriptions has no feed subscription")
            await fresh.close()
        }
    }

    @Test func oneEventIsEncodedOnceForSeveralConnections() async throws {
        try await withHubs { sim in
            let token = try await sim.login()
            let first = try await sim.connect("market", token: token)
            let second = try await sim.connect("market", token: token)
            for socket in [first, second] {
                #expect(try await socket.call("SubscribeContractTrades", ["\"\(esContract)\""]).outcome == .void)
            }
            #expect(await sim.simulator.setMarketPrice(contractId: esContract, price: 6_001))
            let one = try await first.nextInvocation("GatewayTrade")
            let other = try await second.nextInvocation("GatewayTrade")
            #expect(one == other)
            #expect((sim.hubs.boundRuntime?.market.sharedEncodings ?? 0) >= 1)
            await first.close()
            await second.close()
        }
    }
}

import Foundation
import SignalRProtocol
import Testing

@testable import GatewaySimulator
import TestGate

@Suite("Hubs: user hub", .gated)
struct UserHubTests {
    @Test func anOrderPlacedOverRESTIsReportedWithOneObjectArgument() async throws {
        try await withHubs { sim in
            let token = try await sim.login()
            let socket = try await sim.connect("user", token: token)
            #expect(try await socket.call("SubscribeAccounts", id: "1").outcome == .void)
            for (method, id) in [("SubscribeOrders", "2"), ("SubscribePositions", "3"), ("SubscribeTrades", "4")] {
                #expect(try await socket.call(method, ["\(practiceAccount)"], id: id).outcome == .void)
            }
            let placed = try await sim.post("/api/Order/place", [
                "accountId": practiceAccount, "contractId": esContract, "type": 2, "side": 0, "size": 2, "customTag": "hub-test",
            ], token: token)
            let orderId = try #require(integer(placed.json["orderId"]))
            var seen: [String: [String: Any]] = [:]
            while seen.count < 4 {
                let event = try await socket.nextInvocation()
                let arguments = jsonArguments(event)
                #expect(arguments.count == 1, "\(event.target) carries one argument")
                seen[event.target] = try #require(arguments.first as? [String: Any], "\(event.target) data is one object")
            }
            let order = try #require(seen["GatewayUserOrder"])
            #expect(integer(order["id"]) == orderId && integer(order["accountId"]) == practiceAccount)
            #expect(order["contractId"] as? String == esContract && order["symbolId"] as? String == "F.US.EP")
            #expect(integer(order["type"]) == 2 && integer(order["side"]) == 0 && integer(order["size"]) == 2)
            #expect(order["customTag"] as? String == "hub-test")
            let trade = try #require(seen["GatewayUserTrade"])
            #expect(integer(trade["orderId"]) == orderId && trade["profitAndLoss"] is NSNull && trade["voided"] as? Bool == false)
            let position = try #require(seen["GatewayUserPosition"])
            #expect(integer(position["type"]) == 1 && integer(position["size"]) == 2 && integer(position["accountId"]) == practiceAccount)
            let account = try #require(seen["GatewayUserAccount"])
            #expect(integer(account["id"]) == practiceAccount && account["canTrade"] is Bool && number(account["balance"]) != nil)
            await socket.close()
        }
    }

    @Test func onlyTheSubscribedKindsAndAccountsArrive() async throws {
        try await withHubs { sim in
            let token = try await sim.login()
            let socket = try await sim.connect("user", token: token)
            #expect(try await socket.call("SubscribeOrders", ["\(combineAccount)"]).outcome == .void)
            _ = try await sim.post("/api/Order/place", ["accountId": practiceAccount, "contractId": esContract, "type": 1, "side": 0, "size": 1, "limitPrice": 5_000], token: token)
            _ = try await sim.post("/api/Order/place", ["accountId": combineAccount, "contractId": esContract, "type": 1, "side": 0, "size": 1, "limitPrice": 5_001], token: token)
            let order = try #require(jsonArguments(try await socket.nextInvocation()).first as? [String: Any])
            #expect(integer(order["accountId"]) == combineAccount && number(order["limitPrice"]) == 5_001)
            #expect(try await socket.call("UnsubscribeOrders", ["\(combineAccount)"], id: "2").outcome == .void)
            _ = try await sim.post("/api/Order/place", ["accountId": combineAccount, "contractId": esContract, "type": 1, "side": 0, "size": 1, "limitPrice": 5_002], token: token)
            try await socket.expectNoMessage(for: .milliseconds(200))
            await socket.close()
        }
    }

    @Test func anotherUsersAccountIsRefused() async throws {
        try await withHubs { sim in
            let socket = try await sim.connect("user", token: try await sim.login())
            for (method, id) in [("SubscribeOrders", "1"), ("SubscribePositions", "2"), ("SubscribeTrades", "3"), ("UnsubscribeTrades", "4")] {
                let completion = try await socket.call(method, ["\(otherUsersAccount)"], id: id)
                #expect(completionError(completion)?.hasSuffix("HubException: Account \(otherUsersAccount) was not found for this user.") == true)
            }
            let missing = try await socket.call("SubscribeOrders", ["123"], id: "5")
            #expect(completionError(missing)?.contains("Account 123 was not found") == true)
            let otherToken = try await sim.login(otherUser)
            let other = try await sim.connect("user", token: otherToken)
            #expect(try await other.call("SubscribeOrders", ["\(otherUsersAccount)"]).outcome == .void)
            await socket.close()
            await other.close()
        }
    }

    @Test func argumentShapes() async throws {
        try await withHubs { sim in
            let socket = try await sim.connect("user", token: try await sim.login())
            #expect(try await socket.call("SubscribeAccounts", ["\(practiceAccount)"], id: "1").outcome == .void, "one argument is tolerated")
            #expect(try await socket.call("UnsubscribeAccounts", ["\(practiceAccount)"], id: "2").outcome == .void)
            #expect(try await socket.call("UnsubscribeAccounts", id: "3").outcome == .void)
            let tooMany = try await socket.call("SubscribeAccounts", ["1", "2"], id: "4")
            #expect(completionError(tooMany) == "Failed to invoke 'SubscribeAccounts' due to an error on the server.")
            let text = try await socket.call("SubscribeOrders", ["\"\(practiceAccount)\""], id: "5")
            #expect(completionError(text) == "Failed to invoke 'SubscribeOrders' due to an error on the server.")
            let none = try await socket.call("SubscribePositions", id: "6")
            #expect(completionError(none) == "Failed to invoke 'SubscribePositions' due to an error on the server.")
            let unknown = try await socket.call("SubscribeContractQuotes", ["\"\(esContract)\""], id: "7")
            #expect(completionError(unknown) == "Unknown hub method 'SubscribeContractQuotes'")
            await socket.close()
        }
    }

    @Test func accountEventsCoverEveryAccountOfTheUser() async throws {
        try await withHubs { sim in
            let token = try await sim.login()
            let socket = try await sim.connect("user", token: token)
            #expect(try await socket.call("SubscribeAccounts").outcome == .void)
            _ = try await sim.post("/api/Order/place", ["accountId": combineAccount, "contractId": esContract, "type": 2, "side": 1, "size": 1], token: token)
            let account = try #require(jsonArguments(try await socket.nextInvocation("GatewayUserAccount")).first as? [String: Any])
            #expect(integer(account["id"]) == combineAccount)
            await socket.close()
        }
    }

    @Test func theRefusedSubscriptionFaultRefusesTheNextSubscribeCallsOnly() async throws {
        try await withHubs { sim in
            let socket = try await sim.connect("user", token: try await sim.login())
            let armed = try await sim.post("/admin/hubs/refuse-subscriptions", ["count": 2, "hub": "user"])
            #expect(integer(armed.json["refusedUserSubscriptionsLeft"]) == 2)
            #expect(integer(armed.json["refusedMarketSubscriptionsLeft"]) == 0, "the other hub is not affected")
            let first = try await socket.call("SubscribeAccounts", id: "1")
            #expect(completionError(first)?.contains("'SubscribeAccounts' was refused (simulated fault") == true, "\(first)")
            #expect(try await socket.call("UnsubscribeAccounts", id: "2").outcome == .void, "unsubscribing is never refused")
            let second = try await socket.call("SubscribeOrders", ["\(practiceAccount)"], id: "3")
            #expect(completionError(second)?.contains("'SubscribeOrders' was refused") == true, "\(second)")
            #expect(try await socket.call("SubscribeOrders", ["\(practiceAccount)"], id: "4").outcome == .void, "the fault is used up")
            let status = try await sim.post("/admin/status", [:])
            #expect(integer(status.json["refusedUserSubscriptionsLeft"]) == 0)
            await socket.close()
        }
    }
}

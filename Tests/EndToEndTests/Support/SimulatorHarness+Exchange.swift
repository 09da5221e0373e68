import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GatewaySimulator

extension SimulatorHarness {
    /// The working orders (Open, Pending, Suspended) of an account, read from the simulator's
    /// exchange itself, not through the program or the SDK.
    func workingOrders(_ accountId: Int) async throws -> [SimOrder] {
        let query = SimOrderQuery(accountId: accountId, statuses: [.open, .pending, .suspended], pageSize: 10_000, sortBy: .id, sortDirection: .ascending)
        switch await simulator.core.exchange.query(query, by: SimulatedUser.defaultUserName) {
        case .success(let result): return result.orders
        case .failure(let failure): throw HarnessError("cannot read the orders of \(accountId): \(failure)")
        }
    }

    /// The open positions of an account, read from the simulator's exchange.
    func openPositions(_ accountId: Int) async throws -> [SimPosition] {
        switch await simulator.core.exchange.openPositions(accountId: accountId, by: SimulatedUser.defaultUserName) {
        case .success(let positions): return positions.filter { $0.size > 0 }
        case .failure(let failure): throw HarnessError("cannot read the positions of \(accountId): \(failure)")
        }
    }

    /// Every order of an account, whatever its status.
    func allOrders(_ accountId: Int) async throws -> [SimOrder] {
        let query = SimOrderQuery(accountId: accountId, pageSize: 10_000, sortBy: .id, sortDirection: .ascending)
        switch await simulator.core.exchange.query(query, by: SimulatedUser.defaultUserName) {
        case .success(let result): return result.orders
        case .failure(let failure): throw HarnessError("cannot read the orders of \(accountId): \(failure)")
        }
    }

    /// Posts `body` to `url` as a logged-in client would (a fresh token from `Auth/loginKey`),
    /// and returns the gateway's JSON answer: a way to send a request exactly as printed.
    func post(_ url: String, body: Data) async throws -> [String: Any] {
        let token = try await rawPost("\(apiURL)/api/Auth/loginKey", body: Data(#"{"userName":"\#(SimulatedUser.defaultUserName)","apiKey":"\#(SimulatedUser.defaultApiKey)"}"#.utf8), token: nil)["token"] as? String
        guard let token else { throw HarnessError("the simulator gave no token") }
        return try await rawPost(url, body: body, token: token)
    }

    private func rawPost(_ url: String, body: Data, token: String?) async throws -> [String: Any] {
        guard let address = URL(string: url) else { throw HarnessError("not a URL: \(url)") }
        var request = URLRequest(url: address)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, _) = try await URLSession.shared.data(for: request)
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw HarnessError("not a JSON object from \(url): \(String(decoding: data, as: UTF8.self))")
        }
        return object
    }
}

import ArgumentParser
import Foundation
import Gateway
import Testing
@testable import TradingBot
import TestGate

@Suite("Error presentation: one line, the cause, the next step, an exit status, no secrets", .gated)
struct ErrorPresenterTests {
    static let url = URL(string: "http://127.0.0.1:5000")

    func present(_ error: any Error, secrets: [String] = []) -> ErrorPresenter.Presentation {
        ErrorPresenter.present(CommandFailure(underlying: error, apiURL: Self.url, secrets: secrets))
    }

    @Test func everyGatewayErrorHasItsStatus() {
        let cases: [(GatewayError, ExitReason)] = [
            (.loginFailed(code: 3, meaning: "InvalidCredentials", message: "Invalid credentials."), .authentication),
            (.loginFailed(code: 9, meaning: "ApiSubscriptionNotFound", message: "User lacks subscription"), .authentication),
            (.unauthorized(endpoint: .accountSearch, status: 401), .authentication),
            (.rejected(endpoint: .placeOrder, code: 2, message: "Invalid", orderId: nil), .rejected),
            (.rateLimited(endpoint: .retrieveBars, retryAfterSeconds: 3), .rateLimited),
            (.outcomeUnknown(endpoint: .placeOrder, reason: "timeout"), .outcomeUnknown),
            (.notExecuted(endpoint: .placeOrder, reason: "the connection was reset", finding: "no order carries the tag tb-1"), .unavailable),
            (.unreachable(endpoint: .loginKey, reason: "connection refused"), .unavailable),
            (.badRequest(endpoint: .placeOrder, detail: "type"), .rejected),
            (.httpStatus(endpoint: .accountSearch, status: 502, detail: ""), .protocolError),
            (.invalidResponse(endpoint: .accountSearch, detail: "no envelope"), .protocolError),
        ]
        for (error, status) in cases {
            let presentation = present(error)
            #expect(presentation.status == status, "\(error)")
            #expect(!presentation.message.contains("\n"), "\(error)")
            #expect(!presentation.message.isEmpty)
        }
    }

    @Test func wrongCredentialsSayWhereToFixThem() {
        let message = present(GatewayError.loginFailed(code: 3, meaning: "InvalidCredentials", message: "Invalid credentials.")).message
        #expect(message.hasPrefix("Login refused at http://127.0.0.1:5000 (error 3 InvalidCredentials: Invalid credentials)."))
        #expect(message.contains("PROJECTX_API_KEY"))
    }

    @Test func unreachableNamesTheAddress() {
        let message = present(GatewayError.unreachable(endpoint: .loginKey, reason: "connection refused")).message
        #expect(message.hasPrefix("Cannot reach the gateway at http://127.0.0.1:5000 (connection refused)."))
        #expect(message.contains("--api-url"))
    }

    @Test func refusalsAddTheNextStep() {
        #expect(present(GatewayError.rejected(endpoint: .cancelOrder, code: 2, message: "Order not found", orderId: nil)).message
            == "Order/cancel was refused: Order not found (error 2 OrderNotFound). List working orders with `trading-bot orders --account ID --open`.")
        #expect(present(GatewayError.rejected(endpoint: .placeOrder, code: 2, message: "Brackets cannot be used.", orderId: 42)).message
            == "Order/place was refused: Brackets cannot be used (error 2 OrderRejected). Order 42 was created in a rejected state.")
        #expect(present(GatewayError.rejected(endpoint: .placeOrder, code: 5, message: nil, orderId: nil)).message
            == "Order/place was refused: OutsideTradingHours (error 5 OutsideTradingHours). The order was not placed. Try again when the market is open.")
    }

    @Test func secretsAndTokensNeverAppear() {
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzaW10cmFkZXIifQ.c2lnbmF0dXJlc2lnbmF0dXJl"
        struct Leaky: Error, CustomStringConvertible { let description: String }
        let presentation = present(Leaky(description: "failed with key sim-api-key and token \(jwt) at http://h/x?access_token=abc&b=1"), secrets: ["sim-api-key"])
        #expect(presentation.status == .software)
        #expect(!presentation.message.contains("sim-api-key"))
        #expect(!presentation.message.contains(jwt))
        #expect(!presentation.message.contains("access_token=abc"))
        #expect(presentation.message.contains("<redacted token"))
    }

    @Test func ordinaryDottedNamesAreNotMistakenForTokens() {
        let text = "CON.F.US.MES.Z26 ArgumentParser.ParserError.helpRequested api.topstepx.com"
        #expect(ErrorPresenter.redactJWTs(text) == text)
    }

    @Test func programErrorsKeepTheirStatus() {
        #expect(present(CLIError.usage("x")).status == .usage)
        #expect(present(CLIError.declined).status == .failure)
        #expect(present(CancellationError()).status == .interrupted)
        #expect(ErrorPresenter.present(CLIError.configuration("c")).status == .configuration)
    }

    @Test func argumentParserErrorsAreLeftToArgumentParser() {
        #expect(!ErrorPresenter.presents(ValidationError("x")))
        #expect(!ErrorPresenter.presents(CleanExit.helpRequest()))
        #expect(!ErrorPresenter.presents(ExitCode(3)))
        #expect(ErrorPresenter.presents(CLIError.declined))
        #expect(ErrorPresenter.presents(GatewayError.unauthorized(endpoint: .accountSearch, status: 401)))
    }
}

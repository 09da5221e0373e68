import Foundation
import Gateway
import Testing
@testable import TradingBot
import TestGate

/// What `--dry-run` prints for each write.
@Suite("Dry-run request lines", .gated)
struct WriteRequestTests {
    static let root = URL(string: "https://api.topstepx.com")!

    @Test func eachWriteHasItsEndpointAndBody() throws {
        let cases: [(WriteRequest, String)] = [
            (.cancel(accountId: 8101001, orderId: 7100000001), #"POST https://api.topstepx.com/api/Order/cancel {"accountId":8101001,"orderId":7100000001}"#),
            (.close(accountId: 8101001, contractId: "CON.F.US.MES.Z26"), #"POST https://api.topstepx.com/api/Position/closeContract {"accountId":8101001,"contractId":"CON.F.US.MES.Z26"}"#),
            (.partialClose(accountId: 8101001, contractId: "CON.F.US.MES.Z26", size: 1),
             #"POST https://api.topstepx.com/api/Position/partialCloseContract {"accountId":8101001,"contractId":"CON.F.US.MES.Z26","size":1}"#),
            (.modify(OrderModification(accountId: 8101001, orderId: 7, size: 2)), #"POST https://api.topstepx.com/api/Order/modify {"accountId":8101001,"orderId":7,"size":2}"#),
            (.place(OrderRequest.limit(accountId: 8101001, contractId: "CON.F.US.MES.Z26", side: .buy, size: 1, price: dec("5000.25")).withBrackets(stopLossTicks: -8, takeProfitTicks: nil)),
             #"POST https://api.topstepx.com/api/Order/place {"accountId":8101001,"contractId":"CON.F.US.MES.Z26","limitPrice":5000.25,"side":0,"size":1,"stopLossBracket":{"ticks":-8,"type":4},"type":1}"#),
        ]
        for (request, line) in cases {
            #expect(try request.line(apiRoot: Self.root) == line)
        }
        #expect(WriteRequest.cancel(accountId: 1, orderId: 2).url(apiRoot: URL(string: "http://127.0.0.1:5000/")!) == "http://127.0.0.1:5000/api/Order/cancel")
    }

    @Test func theJSONFormCarriesTheSameBody() throws {
        let line = try JSONLines.encode(DryRunRecord(.cancel(accountId: 1, orderId: 2), apiRoot: Self.root))
        #expect(line == #"{"body":{"accountId":1,"orderId":2},"dryRun":true,"method":"POST","url":"https://api.topstepx.com/api/Order/cancel"}"#)
    }
}

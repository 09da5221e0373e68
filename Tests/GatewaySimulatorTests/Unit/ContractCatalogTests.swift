import Foundation
import Testing

@testable import GatewaySimulator
import TestGate

@Suite("ContractCatalog", .gated)
struct ContractCatalogTests {
    let catalog = ContractCatalog(asOf: testEpoch)

    @Test func requiredProductsWithTheirTickGrid() throws {
        let expectations: [(String, String, Double, Decimal)] = [
            ("CON.F.US.EP.U25", "F.US.EP", 0.25, 12.5), ("CON.F.US.ENQ.U25", "F.US.ENQ", 0.25, 5),
            ("CON.F.US.MES.U25", "F.US.MES", 0.25, 1.25), ("CON.F.US.MNQ.U25", "F.US.MNQ", 0.25, 0.5),
            ("CON.F.US.CLE.V25", "F.US.CLE", 0.01, 10), ("CON.F.US.GCE.V25", "F.US.GCE", 0.1, 10),
        ]
        for (id, symbol, tick, value) in expectations {
            let contract = try #require(catalog.contract(id: id), "\(id)")
            #expect(contract.symbolId == symbol)
            #expect(contract.tickSize == tick)
            #expect(contract.tickValue == value)
            #expect(contract.isActive)
        }
        #expect(catalog.activeContracts.count >= 20)
        #expect(catalog.contract(id: esContract)?.name == "ESU5")
        #expect(catalog.contract(id: esContract)?.description == "E-mini S&P 500: September 2025")
    }

    @Test func frontMonthRollsAndPriorMonthIsExpired() throws {
        let afterRoll = ContractCatalog(asOf: Date(timeIntervalSince1970: 1_757_721_600)) // 2025-09-13
        #expect(afterRoll.contract(id: "CON.F.US.EP.Z25")?.isActive == true)
        #expect(afterRoll.contract(id: "CON.F.US.EP.U25")?.isActive == false)
        let expired = try #require(catalog.contract(id: "CON.F.US.EP.M25"))
        #expect(expired.isActive == false)
        #expect(catalog.search(text: "ES", live: false).allSatisfy { $0.isActive })
        #expect(!catalog.available(live: false).contains { $0.id == expired.id })
        let december = ContractCatalog(asOf: Date(timeIntervalSince1970: 1_766_000_000)) // 2025-12-17
        #expect(december.contract(id: "CON.F.US.EP.H26")?.isActive == true)
    }

    @Test func fuzzySearchRanksAndCaps() {
        let results = catalog.search(text: "ES", live: false)
        #expect(results.first?.id == esContract)
        #expect(results.contains { $0.product.product == "MES" })
        #expect(results.count <= 20)
        #expect(catalog.search(text: "", live: false).count == 20)
        #expect(catalog.search(text: "nasdaq", live: false).map(\.product.product).contains("ENQ"))
        #expect(catalog.search(text: "gold", live: false).map(\.product.root) == ["GC", "MGC"])
        #expect(catalog.search(text: "zzzz", live: false).isEmpty)
        #expect(catalog.search(text: "ES", live: true).isEmpty)
        #expect(catalog.available(live: true).isEmpty)
    }

    @Test func priceTickConversion() throws {
        let es = try #require(catalog.contract(id: esContract))
        #expect(es.ticks(of: 6000.25) == 24_001)
        #expect(es.ticks(of: 6000.1) == nil)
        #expect(es.price(ofTicks: 24_001) == 6000.25)
        let cl = try #require(catalog.contract(id: "CON.F.US.CLE.V25"))
        #expect(cl.ticks(of: 65.37) == 6537)
        #expect(cl.price(ofTicks: 6537) == 65.37)
        #expect(es.ticks(of: .nan) == nil)
    }
}

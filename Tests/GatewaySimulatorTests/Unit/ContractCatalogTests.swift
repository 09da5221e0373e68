import Foundation
import Testing

@testable import GatewaySimulator
import TestGate

@Suite("ContractCatalog", .gated)
struct ContractCatalogTests {
    let catalog = ContractCatalog(asOf: testEpoch)

    @Test func requiredProductsWithTheirTickGrid() throws {
        let expectations: [(String, String, String, String)] = [
            ("CON.F.US.EP.U25", "F.US.EP", "0.25", "12.5"), ("CON.F.US.ENQ.U25", "F.US.ENQ", "0.25", "5"),
            ("CON.F.US.MES.U25", "F.US.MES", "0.25", "1.25"), ("CON.F.US.MNQ.U25", "F.US.MNQ", "0.25", "0.5"),
            ("CON.F.US.CLE.V25", "F.US.CLE", "0.01", "10"), ("CON.F.US.GCE.V25", "F.US.GCE", "0.1", "10"),
        ]
        for (id, symbol, tick, value) in expectations {
            let contract = try #require(catalog.contract(id: id), "\(id)")
            #expect(contract.symbolId == symbol)
            #expect(contract.tickSize == dec(tick))
            #expect(contract.tickValue == dec(value))
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
        #expect(es.ticks(of: dec("6000.25")) == 24_001)
        #expect(es.ticks(of: dec("6000.1")) == nil)
        #expect(es.price(ofTicks: 24_001).description == "6000.25")
        #expect(es.decimalPrice(ofTicks: 24_001) == dec("6000.25"))
        let cl = try #require(catalog.contract(id: "CON.F.US.CLE.V25"))
        #expect(cl.ticks(of: dec("65.37")) == 6537)
        #expect(cl.ticks(of: dec("71.23")) == 7123)
        #expect(cl.ticks(of: dec("71.235")) == nil, "off the cent grid")
        #expect(cl.price(ofTicks: 6537).description == "65.37")
        #expect(cl.price(ofTicks: -3763).description == "-37.63")
        #expect(es.ticks(of: .nan) == nil)
        #expect(es.ticks(of: dec("2000000000")) == nil, "beyond any futures price")
    }

    /// Every listed product's tick is an exact decimal: its text, its tick count of every price
    /// and back, for the grids of the catalogue (1/4, 1/10, 1/100, 1/200, 1/32, 1/64, 1/128, ...).
    @Test func everyProductTickIsExact() throws {
        let expected: [String: (tick: String, value: String)] = [
            "EP": ("0.25", "12.5"), "CLE": ("0.01", "10"), "GCE": ("0.1", "10"), "SIE": ("0.005", "25"),
            "USA": ("0.03125", "31.25"), "TYA": ("0.015625", "15.625"), "FVA": ("0.0078125", "7.8125"),
            "JY6": ("0.0000005", "6.25"), "YM": ("1", "5"),
        ]
        for contract in catalog.activeContracts {
            let tick = contract.tickSize
            #expect(tick * Decimal(contract.ticksPerPoint) == 1, "\(contract.id)")
            if let (text, value) = expected[contract.product.product] {
                #expect(tick.description == text && contract.tickValue == dec(value), "\(contract.id)")
            }
            for ticks: Int64 in [1, 2, 3, 31, 32, 33, 63, 64, 65, 127, 128, 3_681, 7_123, 250_000, -1, -3_763] {
                let price = contract.price(ofTicks: ticks)
                #expect(price.decimal == Decimal(ticks) * tick, "\(contract.id) \(ticks)")
                #expect(price.description == price.decimal.description, "\(contract.id) \(ticks)")
                #expect(contract.ticks(of: price.decimal) == ticks, "\(contract.id) \(ticks)")
                #expect(contract.ticks(of: price) == ticks, "\(contract.id) \(ticks)")
                #expect(contract.ticks(of: price.decimal + tick / 2) == nil, "half a tick off")
            }
        }
        let zb = try #require(catalog.activeContracts.first { $0.product.root == "ZB" })
        #expect(zb.price(ofTicks: 115 * 32 + 1).description == "115.03125")
        #expect(zb.ticks(of: dec("115.03125")) == 3_681)
    }
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Gateway
import MarketData
import Testing
@testable import TradingBot
import TestGate

/// The SVG chart: well-formed XML, the elements each candle is drawn with, escaped text and
/// exact labels.
@Suite("SVG chart rendering", .gated)
struct SVGCandleChartTests {
    /// What XMLParser saw: elements by name and class, and every text by element.
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [(name: String, attributes: [String: String])] = []
        var texts: [(element: String, text: String)] = []
        private var open: [String] = []
        private var current = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
            elements.append((name, attributes))
            open.append(name)
            current = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text" || name == "title" { texts.append((name, current)) }
            open.removeLast()
            current = ""
        }

        func count(_ name: String, class className: String) -> Int {
            elements.filter { $0.name == name && ($0.attributes["class"]?.split(separator: " ").contains(Substring(className)) ?? false) }.count
        }
    }

    static func parse(_ svg: String) throws -> Collector {
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
        return collector
    }

    @Test func eachCandleIsAWickABodyAndAVolumeBar() throws {
        let svg = SVGCandleChart(title: "MESZ6 1-minute bars", bars: CandleChartTests.fourBars, tick: TickSize(dec("0.25")), times: .utc).document()
        let parsed = try Self.parse(svg)
        #expect(parsed.elements.first?.name == "svg")
        #expect(parsed.count("line", class: "wick") == 4)
        #expect(parsed.count("rect", class: "body") == 4)
        #expect(parsed.count("rect", class: "up") == 2)
        #expect(parsed.count("rect", class: "down") == 1)
        #expect(parsed.count("rect", class: "flat") == 1)
        #expect(parsed.count("rect", class: "volume") == 4)
        let zero = parsed.elements.filter { $0.attributes["class"] == "volume" }.last
        #expect(zero?.attributes["height"] == "0", "the bar without volume has no height")
        // Standalone: nothing runs, nothing is fetched.
        #expect(!parsed.elements.contains { ["script", "image", "use", "foreignObject", "a"].contains($0.name) })
        #expect(!svg.contains("href"))
        #expect(!svg.contains("url("))
    }

    @Test func labelsAreExactAndTimesAreUTC() throws {
        let parsed = try Self.parse(SVGCandleChart(title: "MESZ6", bars: CandleChartTests.fourBars, tick: TickSize(dec("0.25")), times: .utc).document())
        let prices = parsed.texts.filter { $0.element == "text" }.map(\.text).filter { $0.first?.isNumber == true && $0.contains(".") }
        #expect(!prices.isEmpty)
        #expect(prices.allSatisfy { TickSize(dec("0.25"))!.isAligned(dec($0)) && $0.split(separator: ".").last?.count == 2 }, "\(prices)")
        #expect(prices.contains("5000.00"))
        #expect(parsed.count("line", class: "grid") == prices.count)
        #expect(parsed.texts.contains { $0.text == "14:40" })
        #expect(parsed.texts.contains { $0.text == "UTC" })
        #expect(parsed.texts.contains { $0.text == "vol 80" })

        let bonds = [CandleChartTests.bar(0, "110.015625", "110.5", "110.015625", "110.25")]
        let sixtyFourths = try Self.parse(SVGCandleChart(title: "ZNZ6", bars: bonds, tick: TickSize(dec("0.015625")), times: .utc).document())
        let labels = sixtyFourths.texts.map(\.text).filter { $0.hasPrefix("110.") }
        #expect(labels.contains("110.500000"), "\(labels)")
        #expect(labels.allSatisfy { TickSize(dec("0.015625"))!.isAligned(dec($0)) }, "\(labels)")
    }

    @Test func theTitleIsEscaped() throws {
        let name = "E<vil> & \"Co\" 'x' </text><script>alert(1)</script>\u{1}"
        let svg = SVGCandleChart(title: name, bars: CandleChartTests.fourBars, tick: TickSize(dec("0.25")), times: .utc).document()
        let parsed = try Self.parse(svg)
        #expect(!parsed.elements.contains { $0.name == "script" })
        let expected = "E<vil> & \"Co\" 'x' </text><script>alert(1)</script>\u{FFFD}"
        #expect(parsed.texts.filter { $0.text == expected }.count == 2, "the <title> and the visible title: \(parsed.texts.prefix(2))")
        #expect(XMLText.escape("S&P <E-mini> \"a\" 'b'") == "S&amp;P &lt;E-mini&gt; &quot;a&quot; &apos;b&apos;")
    }

    @Test func noBarsIsStillADocument() throws {
        let parsed = try Self.parse(SVGCandleChart(title: "MESZ6", bars: [], tick: TickSize(dec("0.25")), times: .utc).document())
        #expect(parsed.texts.contains { $0.text == "No bars to draw." })
        #expect(parsed.count("rect", class: "body") == 0)
    }

    @Test func moreBarsThanPixelsStillOneCandleEach() throws {
        let bars = (0..<1200).map { CandleChartTests.bar($0, "5000", "5001", "4999", "5000.25", volume: Int64($0)) }
        let parsed = try Self.parse(SVGCandleChart(title: "MESZ6", bars: bars, tick: TickSize(dec("0.25")), times: .utc).document())
        #expect(parsed.count("rect", class: "body") == 1200)
        #expect(parsed.count("line", class: "wick") == 1200)
    }
}

import ArgumentParser
import Foundation

/// Only the in-process limits of ``CompareCommand`` (framing, hub decoding, market model
/// decoding and the `JSONDecoder` baseline) plus an order book applying decoded depth, repeated,
/// without the simulator or the Python clients: the quick check of the decoding path before and
/// after a change to it.
///
/// ```
/// swift run -c release gateway-benchmark limits --repeat 7
/// ```
struct LimitsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "limits",
        abstract: "Measure only the in-process decoding limits, several times (median and best).")

    @Option(help: "Messages decoded per measurement.") var messages = 300_000
    @Option(name: .customLong("repeat"), help: "Measurements; the median and the best are printed.") var repeats = 5

    func validate() throws {
        guard messages >= 3 else { throw ValidationError("--messages must be 3 or more (one quote, depth and trade).") }
        guard repeats >= 1 else { throw ValidationError("--repeat must be 1 or more.") }
    }

    func run() throws {
        var runs: [FramingLimit.Figures] = []
        var books: [Double] = []
        for index in 1...repeats {
            let figures = FramingLimit.measure(messages: messages)
            let book = try BookLimit.measure(updates: messages)
            say("run \(index): market model decoding \(Int(figures.modelDecoding.rounded())) msg/s, order book \(Int(book.rounded())) updates/s")
            runs.append(figures)
            books.append(book)
        }
        let bytes = runs[0].messageBytes
        say("")
        say("In-process limits (\(bytes)-byte messages, one per frame), \(messages) messages, \(repeats) runs: median / best msg/s")
        let rows: [(String, KeyPath<FramingLimit.Figures, Double>)] = [
            ("split on 0x1E only", \.framing),
            ("+ hub message decoding", \.hubDecoding),
            ("+ market model decoding", \.modelDecoding),
            ("  baseline: models with JSONDecoder", \.modelDecodingWithJSONDecoder),
        ]
        for (name, path) in rows {
            let sorted = runs.map { $0[keyPath: path] }.sorted()
            let median = sorted[sorted.count / 2]
            let best = sorted[sorted.count - 1]
            say(name.padding(toLength: 38, withPad: " ", startingAt: 0) + "\(Int(median.rounded())) / \(Int(best.rounded()))")
        }
        let sortedBooks = books.sorted()
        say("order book, decoded depth updates/s".padding(toLength: 38, withPad: " ", startingAt: 0)
            + "\(Int(sortedBooks[sortedBooks.count / 2].rounded())) / \(Int(sortedBooks[sortedBooks.count - 1].rounded()))")
    }
}

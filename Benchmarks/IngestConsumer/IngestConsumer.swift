import ArgumentParser
import BenchmarkSupport
import Foundation
import Gateway
import Logging
import MarketData
import NIOConcurrencyHelpers
import SignalR
import SignalRProtocol

/// A consumer for the shared SignalR ingest benchmark (the feed and driver live outside this
/// repository; `Benchmarks/ingest-compare` runs them). It connects to `{url}/hubs/market` through
/// `HubConnection`'s public API, subscribes with `SubscribeContractQuotes`, counts `GatewayQuote`
/// events from the first until `Done`, and prints
/// `client=NAME messages=N seconds=S msgs_per_s=R rss_mb=M`. It exits 2 when the count or the
/// last `seq` differs from what `Done` announced, 3 without `Done` before the timeout, 1 when it
/// cannot connect.
///
/// ```sh
/// ingest-consumer --url http://127.0.0.1:8765 --mode payload
/// ```
@main
struct IngestConsumer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest-consumer",
        abstract: "Counts a benchmark feed's GatewayQuote events through HubConnection and prints one result line."
    )

    @Option(help: "The feed's base URL; the hub is {url}/hubs/market.")
    var url: String

    @Option(help: "Give up after this many seconds without Done.")
    var timeout: Double = 300

    @Option(help: "typed: on() with a Decodable struct; payload: Quote(hubPayload:) as MarketHub does; raw: count only.")
    var mode: ConsumerMode = .typed

    @Option(help: "The client name in the result line (default: swift-MODE).")
    var name: String?

    /// The contract the Python consumers subscribe to; the feed ignores it.
    static let contract = "CON.F.US.EP.Z26"

    func validate() throws {
        // At most a day, so that the milliseconds always fit the Int64 the wait converts them to.
        guard timeout.isFinite, timeout > 0, timeout <= 86_400 else {
            throw ValidationError("--timeout must be a number of seconds above 0 and at most 86400, not \(timeout).")
        }
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), ["http", "https", "ws", "wss"].contains(scheme), parsed.host != nil else {
            throw ValidationError("--url must be an absolute http(s) or ws(s) URL such as http://127.0.0.1:8765, not '\(url)'.")
        }
    }

    func run() async throws {
        let client = name ?? "swift-\(mode.rawValue)"
        let base = url.hasSuffix("/") ? String(url.dropLast()) : url
        guard let hubURL = URL(string: base + "/hubs/market") else { throw ValidationError("--url '\(url)' does not make a hub URL.") }
        var options = HubConnectionOptions()
        options.logger = Logger(label: "ingest-consumer")
        options.logger.logLevel = .warning
        let connection = HubConnection(url: hubURL, options: options)
        let tally = NIOLockedValueBox(IngestTally())
        let (doneEvents, doneSignal) = AsyncStream<Void>.makeStream()

        register(mode, on: connection, tally: tally)
        connection.onRaw("Done") { arguments in
            let now = ContinuousClock.now
            let announced = arguments.first.flatMap(Self.integer(in:))
            tally.withLockedValue { $0.done = (now, announced ?? -1) }
            doneSignal.yield()
        }

        do {
            try await connection.start()
            try await connection.invoke("SubscribeContractQuotes", Self.contract)
        } catch {
            FileHandle.standardError.write(Data("\(client): could not connect to \(hubURL) and subscribe: \(error)\n".utf8))
            await connection.stop()
            throw ExitCode(1)
        }
        await Self.waitForDone(doneEvents, timeout: .milliseconds(Int64(timeout * 1000)))
        await connection.stop()

        let final = tally.withLockedValue { $0 }
        let lastSeq = final.lastSeq ?? final.lastPayload.flatMap(Self.seq(of:))
        let seconds = final.done.flatMap { done in final.firstQuote.map { $0.duration(to: done.at).seconds } }
        let announced = final.done.flatMap { $0.announced >= 0 ? $0.announced : nil }
        let report = IngestReport(client: client, messages: final.messages, lastSeq: lastSeq, announced: announced,
                                  seconds: seconds, peakResidentMiB: PeakMemory.residentMiB())
        print(report.line)
        if final.done != nil, announced == nil {
            FileHandle.standardError.write(Data("\(client): Done did not carry an integer count\n".utf8))
        }
        if final.undecodable > 0 {
            FileHandle.standardError.write(Data("\(client): \(final.undecodable) quote(s) did not decode\n".utf8))
        }
        if let problem = report.problem {
            FileHandle.standardError.write(Data((problem + "\n").utf8))
        }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }

    /// The quote handler of each mode; every mode does the least its name promises and no more.
    private func register(_ mode: ConsumerMode, on connection: HubConnection, tally: NIOLockedValueBox<IngestTally>) {
        switch mode {
        case .typed:
            connection.on("GatewayQuote") { (_: String, quote: FeedQuote) in
                tally.withLockedValue {
                    $0.count()
                    $0.lastSeq = quote.seq
                }
            }
        case .payload:
            // What MarketHub's GatewayQuote handler does before it delivers the quote.
            connection.onRaw("GatewayQuote") { arguments in
                guard arguments.count >= 2, (try? String(hubPayload: arguments[0])) != nil, !arguments[1].isNull,
                    (try? Quote(hubPayload: arguments[1])) != nil
                else {
                    tally.withLockedValue { $0.undecodable += 1 }
                    return
                }
                tally.withLockedValue {
                    $0.count()
                    $0.lastPayload = arguments[1]
                }
            }
        case .raw:
            connection.onRaw("GatewayQuote") { arguments in
                guard arguments.count >= 2 else {
                    tally.withLockedValue { $0.undecodable += 1 }
                    return
                }
                tally.withLockedValue {
                    $0.count()
                    $0.lastPayload = arguments[1]
                }
            }
        }
    }

    /// Returns when `Done` arrives or after `timeout`, whichever is first.
    private static func waitForDone(_ events: AsyncStream<Void>, timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in events { return }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
            }
            await group.next()
            group.cancelAll()
        }
    }

    /// `Done`'s count: an integral number that fits in `Int`.
    private static func integer(in value: RawJSON) -> Int? {
        var reader = JSONReader(value)
        guard let integer = try? reader.readInteger() else { return nil }
        return Int(exactly: integer)
    }

    /// The `seq` member of a quote object, if it is there and an integer.
    private static func seq(of payload: RawJSON) -> Int? {
        var reader = JSONReader(payload)
        var seq: Int?
        do throws(HubProtocolError) {
            try reader.readObject { reader, key throws(HubProtocolError) in
                if key == "seq" { seq = Int(exactly: try reader.readInteger()) } else { try reader.skipValue() }
            }
        } catch {
            return nil
        }
        return seq
    }
}

extension Duration {
    fileprivate var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

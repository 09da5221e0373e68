import AsyncHTTPClient
import Foundation
import GatewaySimulator
import NIOCore
import Testing
import TestGate

/// `--metrics-port`: a stream command serves its metrics in the Prometheus text format while it
/// runs, scraped over HTTP on loopback as Prometheus would; bad values are refused clearly.
@Suite("Metrics endpoint of the stream commands", .gated)
struct MetricsEndpointTests {
    /// `GET url`: the status, the content type and the body.
    private static func get(_ url: String, client: HTTPClient = .shared) async throws -> (status: UInt, contentType: String?, body: String) {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 16 << 20)
        return (response.status.code, response.headers.first(name: "content-type"), String(buffer: body))
    }

    /// The value of the sample `name{labels}` in a Prometheus text body; nil when absent.
    private static func value(_ body: String, _ sample: String) -> Double? {
        for line in body.split(separator: "\n") where line.hasPrefix(sample + " ") {
            return Double(line.dropFirst(sample.count + 1))
        }
        return nil
    }

    @Test func quoteServesPrometheusMetricsWhileItStreams() async throws {
        try await SimulatorHarness.with(StreamingSimulator.configure) { sim in
            let quote = try StreamingProcess.start(["quote", "MES", "--json", "--metrics-port", "0"], environment: sim.environment)
            let announced = try #require(await quote.stderrLine(containing: "Serving metrics at "))
            let url = try #require(announced.range(of: #"http://127\.0\.0\.1:\d+/metrics$"#, options: .regularExpression).map { String(announced[$0]) },
                                   "not bound to loopback: \(announced)")
            // Five quotes printed: the hub is live and has delivered at least five events.
            for _ in 0..<5 { _ = try #require(await quote.nextLine()) }

            let scrape = try await Self.get(url)
            #expect(scrape.status == 200)
            #expect(scrape.contentType == "text/plain; version=0.0.4; charset=utf-8")
            let body = scrape.body
            #expect(body.contains("# TYPE projectx_hub_events_received_total counter"), "\(body)")
            #expect(Self.value(body, #"projectx_hub_connected{hub="market"}"#) == 1, "\(body)")
            #expect(Self.value(body, #"projectx_hub_connects_total{hub="market"}"#) == 1)
            #expect(Self.value(body, #"signalr_connects_total{hub="market"}"#) == 1)
            #expect(Self.value(body, "projectx_token_refreshes_total") == 1)
            #expect((Self.value(body, #"projectx_hub_events_received_total{hub="market"}"#) ?? 0) >= 5)
            #expect((Self.value(body, #"projectx_hub_events_delivered_total{hub="market"}"#) ?? 0) >= 5)
            #expect((Self.value(body, #"signalr_invocation_duration_seconds_count{hub="market"}"#) ?? 0) >= 1, "the subscribe")
            #expect(Self.value(body, #"projectx_hub_events_dropped_total{hub="market"}"#) == 0)

            // Counters only grow while the stream runs.
            for _ in 0..<3 { _ = try #require(await quote.nextLine()) }
            let later = try await Self.get(url).body
            #expect((Self.value(later, #"projectx_hub_events_received_total{hub="market"}"#) ?? 0)
                > (Self.value(body, #"projectx_hub_events_received_total{hub="market"}"#) ?? .infinity))
            #expect(try await Self.get(url.replacingOccurrences(of: "/metrics", with: "/other")).status == 404)

            let interrupted = ContinuousClock.now
            quote.signal(SIGINT)
            #expect(await quote.exitStatus() == 0)
            // Ctrl-C is not held up by the endpoint (it waits at most 2 s for open scrapes).
            #expect(interrupted.duration(to: .now) < .seconds(10))
            // The endpoint went with the process: a new connection is refused.
            let fresh = HTTPClient(eventLoopGroupProvider: .singleton)
            await #expect(throws: (any Error).self) { _ = try await Self.get(url, client: fresh) }
            try await fresh.shutdown()
        }
    }

    @Test func badMetricsOptionsAreRefusedClearly() async throws {
        try await SimulatorHarness.with { sim in
            let tooLarge = try await sim.run("quote", "MES", "--metrics-port", "70000")
            #expect(tooLarge.status == 64, "\(tooLarge)")
            #expect(tooLarge.stderr.contains("--metrics-port must be between 0 and 65535 (it is 70000); 0 picks a free port."), "\(tooLarge)")

            let notANumber = try await sim.run("trades", "MES", "--metrics-port", "http")
            #expect(notANumber.status == 64, "\(notANumber)")
            #expect(notANumber.stderr.contains("--metrics-port"), "\(notANumber)")

            let hostAlone = try await sim.run("depth", "MES", "--metrics-host", "0.0.0.0")
            #expect(hostAlone.status == 64, "\(hostAlone)")
            #expect(hostAlone.stderr.contains("--metrics-host needs --metrics-port"), "\(hostAlone)")

            // A port already taken (the simulator's own): a clear error before anything streams.
            let taken = try await sim.run("quote", "MES", "--count", "1", "--metrics-port", String(sim.port))
            #expect(taken.status == 69, "\(taken)")
            #expect(taken.stderr.contains("Could not serve metrics on 127.0.0.1:\(sim.port)"), "\(taken)")
            #expect(taken.stderr.contains("choose another --metrics-port, or 0 for a free one"), "\(taken)")
            #expect(taken.stdout.isEmpty, "\(taken)")

            // In the shell, metrics belong to the whole session.
            let shell = try await sim.run(["shell"], stdin: "quote MES --count 1 --metrics-port 0\n")
            #expect(shell.stderr.contains("metrics are served for the whole shell"), "\(shell)")
            #expect(shell.status == 64, "\(shell)")
        }
    }
}

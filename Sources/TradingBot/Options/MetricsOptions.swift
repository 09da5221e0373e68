import ArgumentParser

/// `--metrics-port N` and `--metrics-host HOST`: serve the process's metrics in the Prometheus
/// text format at `http://HOST:N/metrics` while a long-running command runs (see
/// ``MetricsExporter``).
struct MetricsOptions: ParsableArguments, Sendable {
    @Option(help: ArgumentHelp("Serve Prometheus metrics at http://127.0.0.1:<port>/metrics while the command runs; 0 picks a free port (printed on stderr).", valueName: "port"))
    var metricsPort: Int?

    @Option(help: ArgumentHelp("The address the metrics endpoint listens on (default 127.0.0.1; 0.0.0.0 exposes it to other machines).", valueName: "host"))
    var metricsHost: String?

    /// Whether the command line asked for metrics.
    var isRequested: Bool { metricsPort != nil || metricsHost != nil }

    func validate() throws {
        if let metricsPort, !(0...65_535).contains(metricsPort) {
            throw ValidationError("--metrics-port must be between 0 and 65535 (it is \(metricsPort)); 0 picks a free port.")
        }
        if metricsHost != nil, metricsPort == nil {
            throw ValidationError("--metrics-host needs --metrics-port: give the port to serve metrics on (0 for a free one).")
        }
        if let metricsHost, metricsHost.isEmpty {
            throw ValidationError("--metrics-host is empty; give an address such as 127.0.0.1, or leave it out.")
        }
    }

    /// Starts the exporter when asked for; `nil` when not.
    func startExporter(output: Output) async throws -> MetricsExporter? {
        guard let metricsPort else { return nil }
        return try await MetricsExporter.start(host: metricsHost ?? "127.0.0.1", port: metricsPort, output: output)
    }
}

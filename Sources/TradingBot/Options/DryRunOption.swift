import ArgumentParser

/// `--dry-run`: print each request the command would send (method, URL and JSON body; with
/// `--json` one JSON object per request) and send none. Reads still happen (the account, the
/// contract, the orders and positions concerned), and every local check still applies; no
/// confirmation is asked, since nothing is sent.
struct DryRunOption: ParsableArguments, Sendable {
    @Flag(name: .customLong("dry-run"), help: "Print the requests that would be sent, and send nothing.")
    var dryRun = false
}

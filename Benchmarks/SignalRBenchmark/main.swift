import Foundation
import NIOCore
import NIOPosix

// SignalR client benchmark: decode-and-dispatch throughput of ProjectX-shaped market events
// arriving over a loopback WebSocket, through HubConnection, against the raw limit of reading
// the same frames and splitting them on 0x1E.
//
//     swift run -c release SignalRBenchmark [--messages N] [--repeat R]

var messages = 100_000
var repeats = 3
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--messages": messages = arguments.next().flatMap(Int.init) ?? messages
    case "--repeat": repeats = arguments.next().flatMap(Int.init) ?? repeats
    default:
        FileHandle.standardError.write(Data("usage: SignalRBenchmark [--messages N] [--repeat R]\n".utf8))
        exit(2)
    }
}

let group = MultiThreadedEventLoopGroup.singleton
let server = try await BenchmarkServer.start(group: group)
guard let port = server.localAddress?.port else {
    FileHandle.standardError.write(Data("The benchmark server has no port.\n".utf8))
    exit(1)
}

/// Best of `repeats` runs, as messages per second.
func best(_ scenario: Scenario, repeats: Int, _ run: () async throws -> Duration) async throws -> Double {
    var fastest = Duration.seconds(1_000_000)
    for _ in 0..<repeats {
        fastest = min(fastest, try await run())
    }
    let seconds = Double(fastest.components.seconds) + Double(fastest.components.attoseconds) / 1e18
    return Double(scenario.messages) / seconds
}

func format(_ rate: Double) -> String {
    let rounded = Int(rate.rounded())
    var digits = String(rounded)
    var groups: [String] = []
    while digits.count > 3 {
        groups.insert(String(digits.suffix(3)), at: 0)
        digits.removeLast(3)
    }
    groups.insert(digits, at: 0)
    return groups.joined(separator: ",")
}

func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

func padLeft(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
}

let scenarios = [
    Scenario(kind: .quote, messages: messages, batch: 1),
    Scenario(kind: .quote, messages: messages, batch: 32),
    Scenario(kind: .depth, messages: messages, batch: 1),
    Scenario(kind: .depth, messages: messages, batch: 32),
]

print("SignalR client decode-and-dispatch throughput, loopback WebSocket, \(messages) messages per run, best of \(repeats)")
print("(message sizes: GatewayQuote \(scenarios[0].message(0).utf8.count) B, GatewayDepth with 10 levels \(scenarios[2].message(0).utf8.count) B)")
print("")
let header = pad("scenario", 24) + padLeft("typed handler", 16) + padLeft("raw handler", 16) + padLeft("read+split only", 18) + padLeft("typed/limit", 13)
print(header)
print(String(repeating: "-", count: header.count))
for scenario in scenarios {
    let typed = try await best(scenario, repeats: repeats) { try await HubConnectionRun.run(scenario, mode: .typed, port: port) }
    let raw = try await best(scenario, repeats: repeats) { try await HubConnectionRun.run(scenario, mode: .raw, port: port) }
    let limit = try await best(scenario, repeats: repeats) { try await RawSplitClient.run(scenario, port: port, group: group) }
    let ratio = String(format: "%.1f%%", typed / limit * 100)
    print(
        pad(scenario.description, 24) + padLeft(format(typed), 16) + padLeft(format(raw), 16) + padLeft(format(limit), 18)
            + padLeft(ratio, 13)
    )
}
print("")
print("figures are messages per second; 'typed handler' decodes (String, GatewayQuote) or (String, [GatewayDepthEntry]) with JSONDecoder,")
print("'raw handler' receives [RawJSON]; 'read+split only' is a bare NIO client that reads the frames and counts 0x1E.")
try await server.close().get()

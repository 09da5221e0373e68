// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

/// During development a subset of test targets can be built alone, so that one module's tests run
/// while another's are being written: `PX_ONLY_TESTS=SignalRProtocolTests,SignalRTests swift test`.
let onlyTests: Set<String>? = Context.environment["PX_ONLY_TESTS"].map { Set($0.split(separator: ",").map(String.init)) }

let package = Package(
    name: "projectx-swift",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "SignalRProtocol", targets: ["SignalRProtocol"]),
        .library(name: "SignalR", targets: ["SignalR"]),
        .library(name: "SignalRServer", targets: ["SignalRServer"]),
        .library(name: "MarketData", targets: ["MarketData"]),
        .library(name: "Gateway", targets: ["Gateway"]),
        .library(name: "GatewaySimulator", targets: ["GatewaySimulator"]),
        .executable(name: "trading-bot", targets: ["TradingBot"]),
        .executable(name: "signalr", targets: ["SignalRTool"]),
        .executable(name: "chaos-run", targets: ["ChaosRun"]),
        .executable(name: "gateway-benchmark", targets: ["GatewayBenchmark"]),
        .executable(name: "ingest-consumer", targets: ["IngestConsumer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // Only for `swift package generate-documentation` (the DocC catalogs; `.ci/docs`); it adds no code to any target.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .target(name: "SignalRProtocol", swiftSettings: strict),
        .target(
            name: "SignalR",
            dependencies: [.product(name: "NIOConcurrencyHelpers", package: "swift-nio"), 
                "SignalRProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "SignalRServer",
            dependencies: [.product(name: "NIOConcurrencyHelpers", package: "swift-nio"), 
                "SignalRProtocol",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(name: "MarketData", swiftSettings: strict),
        .target(
            name: "Gateway",
            dependencies: [.product(name: "NIOConcurrencyHelpers", package: "swift-nio"), 
                "SignalR",
                "SignalRProtocol",
                "MarketData",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "GatewaySimulator",
            dependencies: [.product(name: "NIOConcurrencyHelpers", package: "swift-nio"), 
                "SignalRServer",
                "SignalRProtocol",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "TradingBot",
            dependencies: [.product(name: "NIOConcurrencyHelpers", package: "swift-nio"), 
                // No SignalR: the SDK's own types (HubStatus, HubError) say everything a program
                // needs about its hubs.
                "Gateway",
                "SignalRProtocol",
                "GatewaySimulator",
                "MarketData",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "SignalRTool",
            dependencies: [
                "SignalR",
                "SignalRProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "SignalRBenchmark",
            dependencies: [
                "SignalR",
                "SignalRProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ],
            path: "Benchmarks/SignalRBenchmark",
            swiftSettings: strict
        ),
        .executableTarget(
            name: "GatewayBenchmark",
            dependencies: [.product(name: "NIOConcurrencyHelpers", package: "swift-nio"), "BenchmarkSupport",
                "Gateway",
                "GatewaySimulator",
                "MarketData",
                "SignalR",
                "SignalRProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/GatewayBenchmark",
            exclude: ["python"],
            swiftSettings: strict
        ),
        // Our client in the shared side-by-side ingest benchmark (Benchmarks/ingest-compare runs it).
        .executableTarget(
            name: "IngestConsumer",
            dependencies: [.product(name: "NIOConcurrencyHelpers", package: "swift-nio"), "BenchmarkSupport",
                "Gateway",
                "MarketData",
                "SignalR",
                "SignalRProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/IngestConsumer",
            swiftSettings: strict
        ),
        // What the benchmark executables share: percentiles and the text histogram of their reports. Pure.
        .target(name: "BenchmarkSupport", path: "Benchmarks/BenchmarkSupport", swiftSettings: strict),
        .executableTarget(
            name: "ChaosRun",
            dependencies: [.product(name: "NIOConcurrencyHelpers", package: "swift-nio"), "BenchmarkSupport",
                "Gateway",
                "GatewaySimulator",
                "SignalR",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/ChaosRun",
            swiftSettings: strict
        ),
        // The gate that limits how many test cases run at once (see ConcurrencyGate), for every test target.
        .target(name: "TestGate", dependencies: [.product(name: "NIOConcurrencyHelpers", package: "swift-nio")], path: "Tests/TestGate", swiftSettings: strict),
        // A raw WebSocket + SignalR JSON client, shared by the tests of the two hub servers.
        .target(
            name: "RawHubClient",
            dependencies: [
                "SignalRProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ],
            path: "Tests/RawHubClient",
            swiftSettings: strict
        ),
        .testTarget(name: "SignalRProtocolTests", dependencies: ["TestGate", "SignalRProtocol"]),
        .testTarget(
            name: "SignalRTests",
            dependencies: ["TestGate", .product(name: "NIOConcurrencyHelpers", package: "swift-nio"), "SignalR", "SignalRServer", "SignalRProtocol", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"), .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(
            name: "SignalRServerTests",
            dependencies: ["TestGate", "RawHubClient", .product(name: "NIOConcurrencyHelpers", package: "swift-nio"), "SignalRServer", "SignalRProtocol", .product(name: "Hummingbird", package: "hummingbird"), .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOWebSocket", package: "swift-nio"), .product(name: "AsyncHTTPClient", package: "async-http-client")]
        ),
        .testTarget(name: "MarketDataTests", dependencies: ["TestGate", "MarketData"]),
        .testTarget(name: "BenchmarkSupportTests", dependencies: ["TestGate", "BenchmarkSupport"]),
        .testTarget(
            name: "GatewaySimulatorTests",
            dependencies: ["TestGate", "RawHubClient", "GatewaySimulator", "SignalRProtocol", "SignalRServer", .product(name: "NIOConcurrencyHelpers", package: "swift-nio"), .product(name: "Hummingbird", package: "hummingbird"), .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOWebSocket", package: "swift-nio"), .product(name: "NIOFoundationCompat", package: "swift-nio")]
        ),
        .testTarget(
            name: "GatewayTests",
            dependencies: ["TestGate", .product(name: "NIOConcurrencyHelpers", package: "swift-nio"), "Gateway", "GatewaySimulator", "MarketData", "SignalR", "SignalRProtocol", .product(name: "Logging", package: "swift-log"), .product(name: "Metrics", package: "swift-metrics"), .product(name: "Prometheus", package: "swift-prometheus"), .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio")]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["TestGate", .product(name: "NIOConcurrencyHelpers", package: "swift-nio"), "GatewaySimulator", "Gateway", "MarketData", "TradingBot", .product(name: "ArgumentParser", package: "swift-argument-parser"), .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOCore", package: "swift-nio")]
        ),
        .testTarget(
            name: "InteropTests",
            dependencies: ["TestGate", .product(name: "NIOConcurrencyHelpers", package: "swift-nio"), "SignalR", "GatewaySimulator", "SignalRServer"],
            exclude: ["Python"]
        ),
    ].filter { target in
        guard target.type == .test, let onlyTests else { return true }
        return onlyTests.contains(target.name)
    }
)

// swift-tools-version:6.1
import PackageDescription

/// Settings every target shares: Swift 6 language mode plus the upcoming features that keep
/// APIs explicit (see STYLE.md, practice 2).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "KafkaSkill",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Kafka", targets: ["Kafka"]),
        // librdkafka's mock cluster with faults, for tests, the CLI and generated services' tests.
        .library(name: "EmbeddedKafka", targets: ["EmbeddedKafka"]),
        .library(name: "SkillKit", targets: ["SkillKit"]),
        .library(name: "Review", targets: ["Review"]),
        .library(name: "Avro", targets: ["Avro"]),
        .library(name: "Scaffold", targets: ["Scaffold"]),
        .library(name: "SchemaRegistry", targets: ["SchemaRegistry"]),
        .library(name: "SchemaRegistryServer", targets: ["SchemaRegistryServer"]),
        .library(name: "Verify", targets: ["Verify"]),
        .library(name: "Deploy", targets: ["Deploy"]),
        .library(name: "LagMonitor", targets: ["LagMonitor"]),
        .executable(name: "kafka-skill", targets: ["KafkaSkillCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // The embedded schema registry and test servers; the default traits (swift-configuration, full
        // Foundation) are not needed.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CRdKafka",
            pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"])]
        ),
        .target(
            name: "Kafka",
            dependencies: [
                "CRdKafka",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "EmbeddedKafka",
            dependencies: ["Kafka", "CRdKafka", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Avro",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SchemaRegistry",
            dependencies: ["Avro"],
            swiftSettings: swiftSettings
        ),
        // The embedded registry is its own module, so services that only talk to a registry do not link an
        // HTTP server.
        .target(
            name: "SchemaRegistryServer",
            dependencies: [
                "SchemaRegistry", "Avro", "Kafka", "EmbeddedKafka",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Verify",
            dependencies: [
                "Kafka",
                "EmbeddedKafka",
                "Avro",
                "SchemaRegistry",
                "SchemaRegistryServer",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Scaffold",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // Strimzi and Kubernetes manifests for service specs, and their validation against the CRD schemas it
        // ships (Resources/strimzi, from Strimzi 0.48.0 and 1.2.0, Apache License 2.0).
        .target(
            name: "Deploy",
            dependencies: ["Scaffold", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Resources/strimzi")],
            swiftSettings: swiftSettings
        ),
        // Consumer-group lag by Burrow's rules: a pure evaluator plus a sampler over the Kafka module.
        .target(
            name: "LagMonitor",
            dependencies: ["Kafka", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SkillKit",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Review",
            dependencies: [
                "CRdKafka",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "KafkaSkillCLI",
            dependencies: [
                "Kafka",
                "EmbeddedKafka",
                "SkillKit",
                "Review",
                "Avro",
                "Scaffold",
                "SchemaRegistry",
                "SchemaRegistryServer",
                "Verify",
                "Deploy",
                "LagMonitor",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Finds or installs the Python implementations the Avro and registry interop tests compare with.
        .target(
            name: "PythonInterop",
            path: "Tests/PythonInterop",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KafkaTests",
            dependencies: ["Kafka", "EmbeddedKafka"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AvroTests",
            dependencies: ["Avro", "PythonInterop"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SchemaRegistryTests",
            dependencies: [
                "PythonInterop",
                "SchemaRegistry", "SchemaRegistryServer", "Avro", "Kafka", "EmbeddedKafka",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "VerifyTests",
            dependencies: [
                "Verify", "Kafka", "EmbeddedKafka", "Avro", "SchemaRegistry", "SchemaRegistryServer",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ScaffoldTests",
            dependencies: ["Scaffold", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DeployTests",
            dependencies: ["Deploy", "Scaffold", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LagMonitorTests",
            dependencies: ["LagMonitor", "Kafka", "EmbeddedKafka"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SkillKitTests",
            dependencies: ["SkillKit"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReviewTests",
            dependencies: [
                "Review",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KafkaSkillCLITests",
            dependencies: ["Kafka", "EmbeddedKafka"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)

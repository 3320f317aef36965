// swift-tools-version:6.1
import Foundation
import PackageDescription

/// Settings every target shares: Swift 6 language mode plus the upcoming features that keep
/// APIs explicit (see STYLE.md, practice 2).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// Subcommands whose libraries are still being written in their own folders; wired in as they land.
let pendingCommands = ["GenerateCommand.swift", "LintCommand.swift", "ReviewCommand.swift", "SchemaCommand.swift"]
    .filter { FileManager.default.fileExists(atPath: Context.packageDirectory + "/Sources/KafkaSkillCLI/" + $0) }

let package = Package(
    name: "KafkaSkill",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Kafka", targets: ["Kafka"]),
        .executable(name: "kafka-skill", targets: ["KafkaSkillCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
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
        .executableTarget(
            name: "KafkaSkillCLI",
            dependencies: [
                "Kafka",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: pendingCommands,
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KafkaTests",
            dependencies: ["Kafka"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KafkaSkillCLITests",
            dependencies: ["Kafka"],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)

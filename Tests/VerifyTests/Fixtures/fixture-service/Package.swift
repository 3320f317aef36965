// swift-tools-version:6.1
import Foundation
import PackageDescription

// A stand-in for a generated service, used by the Verify tests: it depends on this repository's Kafka
// library and service runtime by relative path, as the generated examples do, and writes the service-event log.
let root = URL(fileURLWithPath: Context.packageDirectory).appendingPathComponent("../../../..").standardizedFileURL

let package = Package(
    name: "fixture-service",
    platforms: [.macOS(.v15)],
    products: [.executable(name: "fixture-service", targets: ["FixtureService"])],
    dependencies: [.package(path: root.path)],
    targets: [
        .executableTarget(
            name: "FixtureService",
            dependencies: [
                .product(name: "Kafka", package: root.lastPathComponent),
                .product(name: "KafkaServiceRuntime", package: root.lastPathComponent),
                .product(name: "EmbeddedKafka", package: root.lastPathComponent),
            ],
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
                .enableUpcomingFeature("InternalImportsByDefault"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version:6.1
import PackageDescription

/// Every target: Swift 6 language mode (below), explicit existentials, and imports that say what they expose.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "order-events-worker",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "order-events-worker", targets: ["OrderEventsWorker"])
    ],
    dependencies: [
        // The Kafka client and service runtime of KafkaSkill.
        .package(name: "KafkaSkill", path: "../.."),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .executableTarget(
            name: "OrderEventsWorker",
            dependencies: [
                .product(name: "Kafka", package: "KafkaSkill"),
                .product(name: "KafkaServiceRuntime", package: "KafkaSkill"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OrderEventsWorkerTests",
            dependencies: [
                "OrderEventsWorker",
                .product(name: "Kafka", package: "KafkaSkill"),
                .product(name: "KafkaServiceRuntime", package: "KafkaSkill"),
                .product(name: "KafkaServiceTesting", package: "KafkaSkill"),
                // The tests run KafkaSkill's embedded cluster.
                .product(name: "EmbeddedKafka", package: "KafkaSkill"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version:6.1
import PackageDescription

// The Swift side of the Kafka throughput benchmark; run it through run.sh, which puts it side by side
// with librdkafka from C and confluent-kafka-python against one embedded cluster.
let package = Package(
    name: "KafkaBench",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "KafkaSkill", path: "../..")],
    targets: [
        .executableTarget(
            name: "KafkaBench",
            dependencies: [.product(name: "Kafka", package: "KafkaSkill")],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny")]
        )
    ],
    swiftLanguageModes: [.v6]
)

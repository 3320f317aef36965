import Foundation
import EmbeddedKafka
import Kafka
import Logging
import Testing

/// Helpers shared by the Kafka tests: an embedded cluster per test, client configurations pointing at it,
/// and an independent reader that drains every partition from offset 0.
enum TestCluster {
    static let logger: Logger = {
        var logger = Logger(label: "kafka.tests")
        logger.logLevel = ProcessInfo.processInfo.environment["KAFKA_TEST_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .critical
        return logger
    }()

    /// A unique name, so concurrent tests never share topics or groups.
    static func unique(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }

    static func producerConfig(_ cluster: EmbeddedCluster, _ extra: [String: String] = [:]) throws -> KafkaConfig {
        var config = try KafkaConfig(["linger.ms": "5"]).merging(extra)
        config.bootstrapServers = [cluster.bootstrapServers]
        return config
    }

    static func consumerConfig(_ cluster: EmbeddedCluster, group: String, _ extra: [String: String] = [:]) throws -> KafkaConfig {
        var config = try KafkaConfig([
            "group.id": group,
            "auto.offset.reset": "earliest",
            "enable.auto.commit": "false",
        ]).merging(extra)
        config.bootstrapServers = [cluster.bootstrapServers]
        return config
    }

    /// Reads every partition of `topic` from the beginning up to its high watermark, outside any group.
    static func drain(_ cluster: EmbeddedCluster, topic: String, partitions: Int, timeout: Duration = .seconds(30)) async throws
        -> [KafkaConsumerMessage]
    {
        let consumer = try KafkaConsumer(config: consumerConfig(cluster, group: unique("drain")), logger: logger)
        defer { Task { await consumer.close() } }
        var remaining: [Int32: Int64] = [:]
        for partition in 0..<Int32(partitions) {
            let marks = try await consumer.watermarks(topic: topic, partition: partition)
            if marks.high > marks.low { remaining[partition] = marks.high }
        }
        try consumer.assign((0..<Int32(partitions)).map { KafkaTopicPartitionOffset(topic: topic, partition: $0, offset: KafkaOffset.beginning) })
        var messages: [KafkaConsumerMessage] = []
        let deadline = ContinuousClock.now + timeout
        guard !remaining.isEmpty else { return [] }
        for try await message in consumer.messages {
            messages.append(message)
            if let high = remaining[message.partition], message.offset + 1 >= high { remaining[message.partition] = nil }
            if remaining.isEmpty { break }
            if ContinuousClock.now > deadline {
                Issue.record("drain of \(topic) timed out with \(remaining) left")
                break
            }
        }
        await consumer.close()
        return messages
    }
}

import Foundation
public import Kafka
public import Logging

/// Samples a consumer group's lag per partition (high watermark − committed offset) without joining the
/// group: a consumer with the group's id that never subscribes only reads the group's committed offsets.
public final class LagSampler: Sendable {
    /// The group.
    public let group: String
    private let consumer: KafkaConsumer

    /// Creates a sampler.
    /// - Parameters:
    ///   - group: The consumer group.
    ///   - bootstrapServers: The cluster.
    ///   - logger: Receives the client's logs.
    public init(group: String, bootstrapServers: String, logger: Logger) throws {
        var config = try KafkaConfig(["group.id": group, "enable.auto.commit": "false"])
        config.bootstrapServers = [bootstrapServers]
        consumer = try KafkaConsumer(config: config, logger: logger)
        self.group = group
    }

    /// Takes one sample of every partition.
    /// - Parameters:
    ///   - partitions: The partitions the group reads.
    ///   - timeout: How long each query may wait for a broker.
    /// - Returns: One sample per partition that answered.
    public func sample(_ partitions: [KafkaTopicPartition], timeout: Duration = .seconds(2)) async -> [LagSample] {
        guard !partitions.isEmpty, let committed = try? await consumer.committed(partitions, timeout: timeout) else { return [] }
        var samples: [LagSample] = []
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        for item in committed {
            guard let marks = try? await consumer.watermarks(topic: item.topic, partition: item.partition, timeout: timeout) else { continue }
            samples.append(LagSample(
                timestamp: now, group: group, topic: item.topic, partition: item.partition, committed: item.offset >= 0 ? item.offset : nil,
                high: marks.high, low: marks.low))
        }
        return samples
    }

    /// Releases the client.
    public func close() async { await consumer.close() }
}

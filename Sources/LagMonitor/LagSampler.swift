public import Kafka
public import Logging

/// Reads a group's committed offsets and its partitions' high watermarks: one metadata request, one offset
/// fetch for every partition of the cluster's topics, and one ListOffsets request per leader.
public final class LagSampler: Sendable {
    private let admin: KafkaAdmin
    private let consumer: KafkaConsumer
    /// The consumer group.
    public let group: String
    private let topics: [String]?
    private let timeout: Duration

    /// Connects (nothing is sent until the first sample).
    /// - Parameters:
    ///   - bootstrapServers: The brokers.
    ///   - group: The group to read; the sampler never joins it.
    ///   - topics: Only these topics; default every topic not starting with `__`.
    ///   - properties: More librdkafka properties (security settings).
    ///   - timeout: Bounds each request.
    public init(
        bootstrapServers: [String], group: String, topics: [String]? = nil, properties: [String: String] = [:],
        timeout: Duration = .seconds(10), logger: Logger = Logger(label: "kafka-skill.lag")
    ) throws {
        var config = try KafkaConfig(properties.merging([
            "group.id": group, "enable.auto.commit": "false", "isolation.level": "read_uncommitted",
        ]) { _, new in new })
        config.bootstrapServers = bootstrapServers
        var adminConfig = try KafkaConfig(properties)
        adminConfig.bootstrapServers = bootstrapServers
        admin = try KafkaAdmin(config: adminConfig, logger: logger)
        consumer = try KafkaConsumer(config: config, logger: logger)
        self.group = group
        self.topics = topics
        self.timeout = timeout
    }

    /// One look: the committed offset and high watermark of every partition the group has committed to.
    public func sample() async throws -> [KafkaTopicPartition: PartitionOffsets] {
        let metadata = try await admin.metadata(timeout: timeout)
        let partitions = metadata.topics
            .filter { topic in topics.map { $0.contains(topic.name) } ?? !topic.name.hasPrefix("__") }
            .flatMap { topic in topic.partitions.map { KafkaTopicPartition(topic: topic.name, partition: $0.id) } }
        let committed = try await consumer.committed(partitions, timeout: timeout).filter { $0.offset >= 0 }
        let marks = try await consumer.highWatermarks(committed.map(\.topicPartition), timeout: timeout)
        var result: [KafkaTopicPartition: PartitionOffsets] = [:]
        for item in committed {
            guard let high = marks[item.topicPartition] else { continue }
            result[item.topicPartition] = PartitionOffsets(committed: item.offset, highWatermark: high)
        }
        return result
    }

    /// Whether the group has members, or `nil` where the cluster cannot say (the embedded cluster).
    public func groupHasMembers() async -> Bool? {
        guard let description = try? await admin.describeConsumerGroups([group], timeout: timeout).first else { return nil }
        return !description.members.isEmpty
    }

    /// Releases the clients.
    public func close() async {
        await consumer.close()
        await admin.close()
    }
}

import Kafka

/// One line of the service's event log: what `kafka-skill verify` reads to check the delivery guarantee.
///
/// The names and fields follow Kafka's VerifiableProducer and VerifiableConsumer, so their checkers apply.
enum ServiceEvent: Sendable {
    /// The service is connected and about to start its work; `outputTopics` are the topics it writes, the
    /// dead-letter topic included.
    case startupComplete(role: String, topics: [String], outputTopics: [String], group: String?)
    /// The group gave this member partitions.
    case partitionsAssigned([KafkaTopicPartition])
    /// The group is taking partitions away in an orderly rebalance.
    case partitionsRevoked([KafkaTopicPartition])
    /// The partitions were lost without a chance to commit (the member was expelled).
    case partitionsLost([KafkaTopicPartition])
    /// A record was processed.
    case recordData(topic: String, partition: Int32, offset: Int64, key: String?, value: String)
    /// An explicit commit finished.
    case offsetsCommitted([KafkaTopicPartitionOffset], success: Bool, error: String?)
    /// A record that could not be processed went to the dead-letter topic.
    case deadLetter(
        topic: String, key: String?, value: String, sourceTopic: String, sourcePartition: Int32, sourceOffset: Int64,
        error: String)
    /// Periodic progress counts.
    case toolData(sent: Int, acked: Int, consumed: Int)
    /// The service has stopped cleanly.
    case shutdownComplete

    var name: String {
        switch self {
        case .startupComplete: "startup_complete"
        case .partitionsAssigned: "partitions_assigned"
        case .partitionsRevoked: "partitions_revoked"
        case .partitionsLost: "partitions_lost"
        case .recordData: "record_data"
        case .offsetsCommitted: "offsets_committed"
        case .deadLetter: "dead_letter"
        case .toolData: "tool_data"
        case .shutdownComplete: "shutdown_complete"
        }
    }
}

/// A ``ServiceEvent`` with the fields every line carries.
struct ServiceEventLine: Encodable {
    var event: ServiceEvent
    var service: String
    var timestampMs: Int64

    private enum CodingKeys: String, CodingKey {
        case name, timestamp, service, role, topics, outputTopics, group, sent, acked, consumed
        case topic, key, value, partition, offset, offsets, success, error
        case partitions
        case sourceTopic, sourcePartition, sourceOffset
    }

    private struct Partition: Encodable {
        var topic: String
        var partition: Int32
    }

    private struct Offset: Encodable {
        var topic: String
        var partition: Int32
        var offset: Int64
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(event.name, forKey: .name)
        try container.encode(timestampMs, forKey: .timestamp)
        try container.encode(service, forKey: .service)
        switch event {
        case .startupComplete(let role, let topics, let outputTopics, let group):
            try container.encode(role, forKey: .role)
            try container.encode(topics, forKey: .topics)
            try container.encode(outputTopics, forKey: .outputTopics)
            try container.encode(group, forKey: .group)
        case .partitionsAssigned(let partitions), .partitionsRevoked(let partitions), .partitionsLost(let partitions):
            try container.encode(partitions.map { Partition(topic: $0.topic, partition: $0.partition) }, forKey: .partitions)
        case .recordData(let topic, let partition, let offset, let key, let value):
            try container.encode(topic, forKey: .topic)
            try container.encode(partition, forKey: .partition)
            try container.encode(offset, forKey: .offset)
            try container.encode(key, forKey: .key)
            try container.encode(value, forKey: .value)
        case .offsetsCommitted(let offsets, let success, let error):
            try container.encode(
                offsets.map { Offset(topic: $0.topic, partition: $0.partition, offset: $0.offset) }, forKey: .offsets)
            try container.encode(success, forKey: .success)
            try container.encode(error, forKey: .error)
        case .deadLetter(let topic, let key, let value, let sourceTopic, let sourcePartition, let sourceOffset, let error):
            try container.encode(topic, forKey: .topic)
            try container.encode(key, forKey: .key)
            try container.encode(value, forKey: .value)
            try container.encode(sourceTopic, forKey: .sourceTopic)
            try container.encode(sourcePartition, forKey: .sourcePartition)
            try container.encode(sourceOffset, forKey: .sourceOffset)
            try container.encode(error, forKey: .error)
        case .toolData(let sent, let acked, let consumed):
            try container.encode(sent, forKey: .sent)
            try container.encode(acked, forKey: .acked)
            try container.encode(consumed, forKey: .consumed)
        case .shutdownComplete:
            break
        }
    }
}

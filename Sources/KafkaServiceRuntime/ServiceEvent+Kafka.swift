public import Kafka

extension ServiceEvent.Kind {
    /// `partitions_assigned` for a rebalance's partitions.
    public static func assigned(_ partitions: [KafkaTopicPartition]) -> Self { .partitionsAssigned(partitions.map(\.eventPartition)) }

    /// `partitions_revoked` for a rebalance's partitions.
    public static func revoked(_ partitions: [KafkaTopicPartition]) -> Self { .partitionsRevoked(partitions.map(\.eventPartition)) }

    /// `partitions_lost` for a rebalance's partitions.
    public static func lost(_ partitions: [KafkaTopicPartition]) -> Self { .partitionsLost(partitions.map(\.eventPartition)) }

    /// `record_data` for a processed record; `value` is what the event shows (the decoded value for Avro).
    public static func processed(_ record: KafkaConsumerMessage, value: String? = nil) -> Self {
        .recordData(
            topic: record.topic, partition: record.partition, offset: record.offset, key: record.keyString,
            value: value ?? record.valueString ?? "")
    }

    /// `offsets_committed` for a commit of `offsets`; `error` is `nil` when it succeeded.
    public static func committed(_ offsets: [KafkaTopicPartitionOffset], error: (any Error)?) -> Self {
        .offsetsCommitted(
            offsets: offsets.map { ServiceEvent.Offset(topic: $0.topic, partition: $0.partition, offset: $0.offset) },
            success: error == nil, error: error.map { String(describing: $0) })
    }

    /// `producer_send` for a message handed to a producer.
    public static func sending(_ message: KafkaProducerMessage) -> Self {
        .producerSend(topic: message.topic, key: message.keyText, value: message.valueText)
    }
}

extension KafkaTopicPartition {
    var eventPartition: ServiceEvent.Partition { ServiceEvent.Partition(topic: topic, partition: partition) }
}

extension KafkaProducerMessage {
    /// The key as UTF-8 text, as events show it.
    var keyText: String? { key.map { String(decoding: $0, as: UTF8.self) } }
    /// The value as UTF-8 text, as events show it; empty for a tombstone.
    var valueText: String { value.map { String(decoding: $0, as: UTF8.self) } ?? "" }
}

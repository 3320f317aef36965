import Kafka

/// Builds the dead-letter copy of a record that could not be processed.
enum DeadLetter {
    /// The record unchanged, with its origin and the error in headers, addressed to `topic`.
    static func message(for record: KafkaConsumerMessage, error: any Error, topic: String) -> KafkaProducerMessage {
        let headers = record.headers + [
            KafkaHeader(name: "dlq.source.topic", string: record.topic),
            KafkaHeader(name: "dlq.source.partition", string: String(record.partition)),
            KafkaHeader(name: "dlq.source.offset", string: String(record.offset)),
            KafkaHeader(name: "dlq.error", string: String(describing: error)),
        ]
        return KafkaProducerMessage(
            topic: topic, key: record.key, value: record.value, headers: headers, timestampMs: record.timestampMs)
    }
}

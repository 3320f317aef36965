public import Kafka

/// Sends records that could not be processed to a dead-letter topic: the record unchanged, with its origin
/// and the error in `dlq.*` headers.
public struct DeadLetterWriter: Sendable {
    /// The dead-letter topic.
    public var topic: String
    /// The producer that sends the copies with ``publish(_:value:error:)``; inside a transaction, send
    /// ``message(for:error:)`` with the transaction instead.
    public var producer: KafkaProducer
    /// Where `dead_letter` events go.
    public var events: EventLog

    /// Creates a writer.
    public init(topic: String, producer: KafkaProducer, events: EventLog) {
        self.topic = topic
        self.producer = producer
        self.events = events
    }

    /// The dead-letter copy of `record`: unchanged, with its origin and the error in headers.
    public func message(for record: KafkaConsumerMessage, error: any Error) -> KafkaProducerMessage {
        let headers = record.headers + [
            KafkaHeader(name: "dlq.source.topic", string: record.topic),
            KafkaHeader(name: "dlq.source.partition", string: String(record.partition)),
            KafkaHeader(name: "dlq.source.offset", string: String(record.offset)),
            KafkaHeader(name: "dlq.error", string: String(describing: error)),
        ]
        return KafkaProducerMessage(
            topic: topic, key: record.key, value: record.value, headers: headers, timestampMs: record.timestampMs)
    }

    /// Sends the copy and waits for the brokers' acknowledgement (only then may the record's own offset be
    /// committed), then writes the `dead_letter` event; `value` is what the event shows.
    /// - Throws: `KafkaError` when the copy is not acknowledged.
    public func publish(_ record: KafkaConsumerMessage, value: String? = nil, error: any Error) async throws {
        try await producer.send(message(for: record, error: error))
        events.emit(deadLetterEvent(record, value: value, error: error))
    }

    /// The `dead_letter` event for `record`.
    public func deadLetterEvent(_ record: KafkaConsumerMessage, value: String? = nil, error: any Error) -> ServiceEvent.Kind {
        .deadLetter(
            topic: topic, key: record.keyString, value: value ?? record.valueString ?? "", sourceTopic: record.topic,
            sourcePartition: record.partition, sourceOffset: record.offset, error: String(describing: error))
    }
}

import Kafka

/// Sends records that could not be processed to the dead-letter topic, with where they came from and why.
struct DeadLetterQueue: Sendable {
    var topic: String
    var producer: KafkaProducer
    var progress: Progress
    var events: EventLog

    // region: dead-letter
    /// Sends the record unchanged, with its origin and the error in headers, and waits for the brokers'
    /// acknowledgement: only then may the record's own offset be committed. `eventValue` identifies the record in
    /// the `dead_letter` event.
    func publish(_ record: KafkaConsumerMessage, eventValue: String, error: any Error) async throws {
        progress.recordSent()
        try await producer.send(DeadLetter.message(for: record, error: error, topic: topic))
        progress.recordAcked()
        events.emit(.deadLetter(
            topic: topic, key: record.keyString, value: eventValue, sourceTopic: record.topic,
            sourcePartition: record.partition, sourceOffset: record.offset, error: String(describing: error)))
    }
    // endregion
}

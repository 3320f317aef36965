import Kafka
import KafkaServiceRuntime
import Logging

/// The service's own work on each record: replace the body of ``process(_:)``.
///
/// At-least-once delivery repeats records after a crash or a rebalance, so processing must be idempotent:
/// doing a record twice must leave the same result as doing it once.
struct RecordProcessor: Sendable {
    var logger: Logger

    /// Processes one record, its value already decoded. Throw ``PermanentFailure`` for a record no retry can fix
    /// (it goes straight to the dead-letter topic); any other error is retried.
    func process(_ event: CustomerEvent, from record: KafkaConsumerMessage) async throws {
        logger.debug("processed \(record.topic)[\(record.partition)]@\(record.offset): event_id \(event.eventValue)")
    }
}

import Foundation
import Kafka
import KafkaServiceRuntime
import Logging

/// The service's own work on each record: replace the body of ``process(_:)``.
///
/// At-least-once delivery repeats records after a crash or a rebalance, so processing must be idempotent:
/// doing a record twice must leave the same result as doing it once.
struct RecordProcessor: Sendable {
    var logger: Logger

    /// Processes one record. Throw ``PermanentFailure`` for a record no retry can fix (it goes straight
    /// to the dead-letter topic); any other error is retried.
    func process(_ record: KafkaConsumerMessage) async throws {
        guard let value = record.value else {
            throw PermanentFailure(reason: "the record has no value (a tombstone)")
        }
        guard (try? JSONSerialization.jsonObject(with: Data(value), options: [.fragmentsAllowed])) != nil else {
            throw PermanentFailure(reason: "the value is not JSON")
        }
        logger.debug("processed \(record.topic)[\(record.partition)]@\(record.offset)")
    }
}

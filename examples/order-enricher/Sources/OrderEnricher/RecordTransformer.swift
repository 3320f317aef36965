import Foundation
import Kafka
import KafkaServiceRuntime

/// The service's own work: turns each input record into its output record. Replace the body of
/// ``transform(_:)``.
///
/// It runs inside a transaction and may run more than once for a record (after an abort), but only one
/// run's output is ever committed; it must not have effects outside Kafka.
struct RecordTransformer: Sendable {
    var outputTopic: String

    /// The output for one record. Throw ``PermanentFailure`` for a record no retry can fix (it goes straight
    /// to the dead-letter topic); any other error is retried.
    func transform(_ record: KafkaConsumerMessage) async throws -> KafkaProducerMessage {
        guard let value = record.value else {
            throw PermanentFailure(reason: "the record has no value (a tombstone)")
        }
        guard (try? JSONSerialization.jsonObject(with: Data(value), options: [.fragmentsAllowed])) != nil else {
            throw PermanentFailure(reason: "the value is not JSON")
        }
        let provenance = KafkaHeader(name: "source", string: "\(record.topic)/\(record.partition)/\(record.offset)")
        return KafkaProducerMessage(topic: outputTopic, key: record.key, value: value, headers: record.headers + [provenance])
    }
}

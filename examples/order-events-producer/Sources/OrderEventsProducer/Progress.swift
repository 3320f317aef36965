import Metrics
import Synchronization

/// Counts what the service did, for the periodic `tool_data` event and for swift-metrics.
///
/// The swift-metrics counters record nothing until a metrics backend is bootstrapped (see the README).
final class Progress: Sendable {
    private let sentCount = Atomic<Int>(0)
    private let ackedCount = Atomic<Int>(0)
    private let consumedCount = Atomic<Int>(0)
    private let sentCounter = Counter(label: "kafka_messages_sent_total")
    private let ackedCounter = Counter(label: "kafka_messages_acked_total")
    private let failedCounter = Counter(label: "kafka_messages_failed_total")

    /// A message was handed to the producer.
    func recordSent() {
        sentCount.add(1, ordering: .relaxed)
        sentCounter.increment()
    }

    /// The brokers acknowledged a message.
    func recordAcked() {
        ackedCount.add(1, ordering: .relaxed)
        ackedCounter.increment()
    }

    /// A message could not be delivered.
    func recordFailed() {
        failedCounter.increment()
    }

    /// The counts so far, as a `tool_data` event.
    var event: ServiceEvent {
        .toolData(
            sent: sentCount.load(ordering: .relaxed),
            acked: ackedCount.load(ordering: .relaxed),
            consumed: consumedCount.load(ordering: .relaxed))
    }
}

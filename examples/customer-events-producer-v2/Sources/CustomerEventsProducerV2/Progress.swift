import Synchronization

/// Counts what the service did, for the periodic `tool_data` event.
final class Progress: Sendable {
    private let sentCount = Atomic<Int>(0)
    private let ackedCount = Atomic<Int>(0)
    private let consumedCount = Atomic<Int>(0)

    /// A message was handed to the producer.
    func recordSent() {
        sentCount.add(1, ordering: .relaxed)
    }

    /// The brokers acknowledged a message.
    func recordAcked() {
        ackedCount.add(1, ordering: .relaxed)
    }

    /// The counts so far, as a `tool_data` event.
    var event: ServiceEvent {
        .toolData(
            sent: sentCount.load(ordering: .relaxed),
            acked: ackedCount.load(ordering: .relaxed),
            consumed: consumedCount.load(ordering: .relaxed))
    }
}

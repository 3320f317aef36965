import Kafka
import Synchronization

/// Matches delivery reports to the messages they report on, and hands each completed pair to `onOutcome`.
///
/// A report can arrive before ``sent(_:id:)`` records its message (the broker may answer before `enqueue`
/// returns), so whichever half comes second completes the pair.
final class DeliveryTracker: Sendable {
    /// What was sent, as the events report it.
    struct Message: Sendable {
        var topic: String
        var key: String?
        var value: String
    }

    private struct State {
        var awaitingReport: [KafkaMessageID: Message] = [:]
        var reportedEarly: [KafkaMessageID: KafkaDeliveryReport] = [:]
        var settledWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())
    private let onOutcome: @Sendable (Message, KafkaDeliveryReport) -> Void

    init(onOutcome: @escaping @Sendable (Message, KafkaDeliveryReport) -> Void) {
        self.onOutcome = onOutcome
    }

    /// Records a message handed to the producer.
    func sent(_ message: Message, id: KafkaMessageID) {
        let early = state.withLock { state in
            guard let report = state.reportedEarly.removeValue(forKey: id) else {
                state.awaitingReport[id] = message
                return nil as KafkaDeliveryReport?
            }
            return report
        }
        if let early { onOutcome(message, early) }
    }

    /// Records a delivery report.
    func delivered(_ report: KafkaDeliveryReport) {
        let (message, waiters) = state.withLock { state -> (Message?, [CheckedContinuation<Void, Never>]) in
            guard let message = state.awaitingReport.removeValue(forKey: report.id) else {
                state.reportedEarly[report.id] = report
                return (nil, [])
            }
            guard state.awaitingReport.isEmpty else { return (message, []) }
            defer { state.settledWaiters = [] }
            return (message, state.settledWaiters)
        }
        if let message { onOutcome(message, report) }
        for waiter in waiters { waiter.resume() }
    }

    /// Waits until every recorded message has its report.
    func waitUntilSettled() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let settled = state.withLock { state in
                if state.awaitingReport.isEmpty { return true }
                state.settledWaiters.append(continuation)
                return false
            }
            if settled { continuation.resume() }
        }
    }
}

public import Kafka
import Synchronization

/// Matches delivery reports to the messages they report on, and hands each completed pair to `onOutcome`.
///
/// A report can arrive before ``sent(_:id:)`` records its message (the broker may answer before `enqueue`
/// returns), so whichever half comes second completes the pair.
public final class DeliveryTracker: Sendable {
    /// What was sent, as the events report it.
    public struct Message: Sendable {
        /// The topic.
        public var topic: String
        /// The key as text.
        public var key: String?
        /// The value as events show it.
        public var value: String

        /// Creates a message description.
        public init(topic: String, key: String?, value: String) {
            self.topic = topic
            self.key = key
            self.value = value
        }
    }

    private struct State {
        var awaitingReport: [KafkaMessageID: Message] = [:]
        var reportedEarly: [KafkaMessageID: KafkaDeliveryReport] = [:]
        var settledWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())
    private let onOutcome: @Sendable (Message, KafkaDeliveryReport) -> Void

    /// Creates a tracker that hands each message and its report to `onOutcome`.
    public init(onOutcome: @escaping @Sendable (Message, KafkaDeliveryReport) -> Void) {
        self.onOutcome = onOutcome
    }

    /// Creates a tracker that writes `producer_send_success` or `producer_send_error` for each report.
    public convenience init(events: EventLog) {
        self.init { message, report in events.emit(.delivery(of: message, report)) }
    }

    /// Records a message handed to the producer.
    public func sent(_ message: Message, id: KafkaMessageID) {
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
    public func delivered(_ report: KafkaDeliveryReport) {
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
    public func waitUntilSettled() async {
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

extension ServiceEvent.Kind {
    /// `producer_send_success` for an acknowledged message, `producer_send_error` for a failed one; a
    /// timeout or a purge in flight is `indefinite`, since the broker may have written the message.
    public static func delivery(of message: DeliveryTracker.Message, _ report: KafkaDeliveryReport) -> Self {
        guard let error = report.error else {
            return .producerSendSuccess(
                topic: message.topic, key: message.key, value: message.value, partition: report.partition, offset: report.offset)
        }
        return .producerSendError(
            topic: message.topic, key: message.key, value: message.value, code: error.name, message: error.message,
            indefinite: error.code == .messageTimedOut || error.code == .purgeInFlight)
    }
}

import EmbeddedKafka
import Kafka
import KafkaServiceRuntime
import Logging
import Synchronization

/// Sends `PRODUCE_COUNT` values in order with `enqueue`, matching each delivery report to its send.
enum ProducerRole {
    static func run(_ environment: FixtureEnvironment, events: EventLog, shutdown: ShutdownSignal, logger: Logger) async throws {
        var config = try KafkaConfig(["acks": "all", "linger.ms": "5", "enable.idempotence": "true", "retry.backoff.ms": "50"])
        config.bootstrapServers = [environment.bootstrapServers]
        let (producer, reports) = try KafkaProducer.makeProducerWithEvents(config: config, logger: logger)
        let matcher = ReportMatcher(events: events)
        let collector = Task {
            for await event in reports {
                guard case .deliveryReports(let batch) = event else { continue }
                for report in batch { matcher.report(report) }
            }
        }
        events.emit(.startupComplete(role: .producer, topics: [environment.topic], outputTopics: [environment.topic], group: nil))
        let first = environment.produceStart
        for sequence in first..<(first + environment.produceCount) {
            if shutdown.isRequested { break }
            let key = "key-\(sequence % environment.keyCount)"
            let value = String(sequence)
            events.emit(.producerSend(topic: environment.topic, key: key, value: value))
            do {
                let id = try await producer.enqueue(KafkaProducerMessage(topic: environment.topic, key: key, value: value))
                matcher.sent(id, topic: environment.topic, key: key, value: value)
            } catch let error as KafkaError {
                events.emit(.producerSendError(
                    topic: environment.topic, key: key, value: value, code: error.name, message: error.message, indefinite: false))
            }
            if environment.produceIntervalMs > 0 { try? await Task.sleep(for: .milliseconds(environment.produceIntervalMs)) }
        }
        try? await producer.flush(timeout: .seconds(60))
        await producer.shutdown()
        await collector.value
        events.emit(.shutdownComplete)
    }
}

/// Delivery reports can arrive before `enqueue` has returned the id they carry, so either side may come first.
final class ReportMatcher: Sendable {
    private struct Sent {
        var topic: String
        var key: String
        var value: String
    }

    private struct State {
        var sent: [KafkaMessageID: Sent] = [:]
        var early: [KafkaMessageID: KafkaDeliveryReport] = [:]
    }

    private let state = Mutex(State())
    private let events: EventLog

    init(events: EventLog) {
        self.events = events
    }

    func sent(_ id: KafkaMessageID, topic: String, key: String, value: String) {
        let message = Sent(topic: topic, key: key, value: value)
        let report = state.withLock { state -> KafkaDeliveryReport? in
            if let report = state.early.removeValue(forKey: id) { return report }
            state.sent[id] = message
            return nil
        }
        if let report { emit(report, message) }
    }

    func report(_ report: KafkaDeliveryReport) {
        let message = state.withLock { state -> Sent? in
            if let message = state.sent.removeValue(forKey: report.id) { return message }
            state.early[report.id] = report
            return nil
        }
        if let message { emit(report, message) }
    }

    private func emit(_ report: KafkaDeliveryReport, _ message: Sent) {
        if let error = report.error {
            let indefinite = [KafkaError.Code.messageTimedOut, .timedOut, .purgeInFlight, .requestTimedOut, .transport].contains(error.code)
            events.emit(.producerSendError(
                topic: message.topic, key: message.key, value: message.value, code: error.name, message: error.message,
                indefinite: indefinite))
        } else {
            events.emit(.producerSendSuccess(
                topic: message.topic, key: message.key, value: message.value, partition: report.partition, offset: report.offset))
        }
    }
}

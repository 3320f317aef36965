import Foundation
import EmbeddedKafka
import Kafka
import Logging
import Synchronization
import KafkaSkillModel
import KafkaServiceRuntime

/// Produces a lesson's input when no example of the lesson produces it: the same synthetic records a
/// generated producer sends with `PRODUCE_COUNT` (key `key-<i mod KEY_COUNT>`, value `<i>`), at a steady
/// pace so faults land mid-stream, recording service-event lines like any service.
struct InputDriver: Sendable {
    /// The instance name the driver's events are recorded under.
    static let instance = "verify-driver#1"

    var bootstrapServers: String
    var topics: [String]
    var count: Int
    var start: Int
    var keyCount: Int
    var messagesPerSecond: Int
    var events: EventLogWriter
    var logger: Logger

    /// Sends `count` records to each topic, then flushes. Stops early when the task is cancelled.
    func run() async {
        events.emit(.startupComplete(role: .producer, topics: topics, outputTopics: topics, group: nil))
        do {
            var config = try KafkaConfig(["acks": "all", "enable.idempotence": "true", "linger.ms": "5"])
            config.bootstrapServers = [bootstrapServers]
            let (producer, reports) = try KafkaProducer.makeProducerWithEvents(config: config, logger: logger)
            let matcher = DeliveryMatcher(events: events)
            let collector = Task {
                for await event in reports {
                    guard case .deliveryReports(let batch) = event else { continue }
                    for report in batch { matcher.report(report) }
                }
            }
            let interval = messagesPerSecond > 0 ? Duration.seconds(1) / messagesPerSecond : .zero
            let clock = ContinuousClock()
            var next = clock.now
            send: for sequence in start..<(start + count) {
                for topic in topics {
                    if Task.isCancelled { break send }
                    let key = "key-\(sequence % max(1, keyCount))"
                    let value = String(sequence)
                    events.emit(.producerSend(topic: topic, key: key, value: value))
                    do {
                        let id = try await producer.enqueue(KafkaProducerMessage(topic: topic, key: key, value: value))
                        matcher.sent(id, topic: topic, key: key, value: value)
                    } catch let error as KafkaError {
                        events.emit(.producerSendError(topic: topic, key: key, value: value, code: error.name, message: error.message, indefinite: false))
                    }
                }
                if interval > .zero {
                    next += interval
                    if next > clock.now { try? await Task.sleep(until: next, clock: clock) }
                }
            }
            try? await producer.flush(timeout: .seconds(60))
            await producer.shutdown()
            await collector.value
        } catch {
            logger.error("verify input driver: \(error)")
        }
        events.emit(.shutdownComplete)
    }
}

/// Matches delivery reports to sends: a report can arrive before `enqueue` has returned its id.
final class DeliveryMatcher: Sendable {
    private struct Sent {
        var topic: String
        var key: String?
        var value: String
    }

    private struct State {
        var sent: [KafkaMessageID: Sent] = [:]
        var early: [KafkaMessageID: KafkaDeliveryReport] = [:]
    }

    private let state = Mutex(State())
    private let events: EventLogWriter

    init(events: EventLogWriter) {
        self.events = events
    }

    func sent(_ id: KafkaMessageID, topic: String, key: String?, value: String) {
        let message = Sent(topic: topic, key: key, value: value)
        let early = state.withLock { state -> KafkaDeliveryReport? in
            if let report = state.early.removeValue(forKey: id) { return report }
            state.sent[id] = message
            return nil
        }
        if let early { emit(early, message) }
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
            // Timeouts and purges of in-flight records leave the outcome unknown: the record may be in the log.
            let indefinite = [KafkaError.Code.messageTimedOut, .timedOut, .purgeInFlight, .requestTimedOut, .transport].contains(error.code)
            events.emit(.producerSendError(
                topic: message.topic, key: message.key, value: message.value, code: error.name, message: error.message, indefinite: indefinite))
        } else {
            events.emit(.producerSendSuccess(topic: message.topic, key: message.key, value: message.value, partition: report.partition, offset: report.offset))
        }
    }
}

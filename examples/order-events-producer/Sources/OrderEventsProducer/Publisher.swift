import Foundation
import Kafka
import Logging
import ServiceLifecycle

/// Sends the service's messages (`Service`): `PRODUCE_COUNT` synthetic ones, or else each line of standard
/// input; then waits until every message has its delivery report.
struct Publisher: Service {
    var settings: ServiceSettings
    var producer: KafkaProducer
    var tracker: DeliveryTracker
    var progress: Progress
    var events: EventLog
    var logger: Logger

    func run() async throws {
        // Graceful shutdown stops the sending; what was handed over is still flushed below.
        try await cancelWhenGracefulShutdown {
            if settings.produceCount > 0 {
                try await sendSynthetic()
            } else {
                try await sendStandardInput()
            }
        }
        do {
            try await producer.flush(timeout: .seconds(30))
        } catch {
            logger.error("not every message was delivered within 30 s: \(error)")
        }
        await tracker.waitUntilSettled()
    }

    /// Sends values `PRODUCE_START` … `PRODUCE_START + PRODUCE_COUNT - 1` with keys `key-<value mod KEY_COUNT>`,
    /// `PRODUCE_INTERVAL_MS` apart.
    private func sendSynthetic() async throws {
        for index in 0..<settings.produceCount {
            if Task.isCancelled { return }
            if index > 0, settings.produceIntervalMs > 0 {
                try await Task.sleep(for: .milliseconds(settings.produceIntervalMs))
            }
            let value = settings.produceStart + index
            try await send(key: "key-\(value % settings.keyCount)", value: String(value))
        }
    }

    /// Sends each line of standard input: `key<TAB>value`, or a value alone. Values must be JSON.
    private func sendStandardInput() async throws {
        for await line in StandardInputLines() {
            if Task.isCancelled { return }
            let (key, value) = Self.split(line)
            guard Self.isJSON(value) else {
                logger.warning("skipped a line that is not JSON (the topic carries JSON values): \(value.prefix(80))")
                continue
            }
            try await send(key: key, value: value)
        }
    }

    // region: send-with-delivery-report
    /// Hands a message to the producer; its delivery report arrives on the producer's events and is matched
    /// to it by id. `enqueue` suspends while librdkafka's queue is full, which is the backpressure.
    private func send(key: String?, value: String) async throws {
        let message = KafkaProducerMessage(topic: settings.topic, key: key, value: value)
        events.emit(.producerSend(topic: settings.topic, key: key, value: value))
        let id = try await producer.enqueue(message)
        progress.recordSent()
        tracker.sent(.init(topic: settings.topic, key: key, value: value), id: id)
    }
    // endregion

    /// Splits `key<TAB>value`; a line without a tab is a value without a key.
    static func split(_ line: String) -> (key: String?, value: String) {
        guard let tab = line.firstIndex(of: "\t") else { return (nil, line) }
        return (String(line[..<tab]), String(line[line.index(after: tab)...]))
    }

    static func isJSON(_ text: String) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) != nil
    }
}

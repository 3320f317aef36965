import Foundation
import Kafka
import Logging
import ServiceLifecycle

/// Sends the service's messages (`Service`): `PRODUCE_COUNT` synthetic ones, or else each line of standard
/// input; then waits until every message has its delivery report.
struct Publisher: Service {
    var settings: ServiceSettings
    var producer: KafkaProducer
    var encoder: RecordEncoder
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

    /// Sends ``CustomerEvent/sample(_:)`` records for sequence numbers `PRODUCE_START` …
    /// `PRODUCE_START + PRODUCE_COUNT - 1` (the number is the first field, `event_id`), with keys
    /// `key-<number mod KEY_COUNT>`, `PRODUCE_INTERVAL_MS` apart.
    private func sendSynthetic() async throws {
        for index in 0..<settings.produceCount {
            if Task.isCancelled { return }
            if index > 0, settings.produceIntervalMs > 0 {
                try await Task.sleep(for: .milliseconds(settings.produceIntervalMs))
            }
            let value = settings.produceStart + index
            try await send(key: "key-\(value % settings.keyCount)", record: .sample(value))
        }
    }

    /// Sends each line of standard input: `key<TAB>value`, or a value alone. Values are
    /// ``CustomerEvent`` records as JSON objects, e.g. `{"event_id": …}`.
    private func sendStandardInput() async throws {
        for await line in StandardInputLines() {
            if Task.isCancelled { return }
            let (key, value) = Self.split(line)
            let record: CustomerEvent
            do {
                record = try JSONDecoder().decode(CustomerEvent.self, from: Data(value.utf8))
            } catch {
                logger.warning("skipped a line that is not a CustomerEvent in JSON: \(error)")
                continue
            }
            try await send(key: key, record: record)
        }
    }

    // region: send-avro-record
    /// Encodes a record with the registered schema (magic byte, schema id, Avro binary) and hands it to the
    /// producer; events identify it by ``CustomerEvent/eventValue``.
    private func send(key: String?, record: CustomerEvent) async throws {
        let value = record.eventValue
        let bytes = try await encoder.encode(record, topic: settings.topic)
        let message = KafkaProducerMessage(topic: settings.topic, key: key.map { Array($0.utf8) }, value: bytes)
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
}

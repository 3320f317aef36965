import Foundation
import Kafka
import KafkaServiceRuntime
import Logging
import ServiceLifecycle

/// Sends the service's messages (`Service`), then waits until every message has its delivery report.
struct Publisher: Service {
    var settings: ServiceSettings
    var producer: KafkaProducer
    var encoder: RecordEncoder
    var tracker: DeliveryTracker
    var context: ServiceContext

    /// Sends each line of standard input (`key<TAB>value`, or a value alone): a ``CustomerEvent`` as a JSON
    /// object, e.g. `{"event_id": …}`, encoded with `schemas/customer-event-v1.avsc`. (Under `kafka-skill verify`, `PRODUCE_COUNT` numbered
    /// ``CustomerEvent/sample(_:)`` records instead.)
    func run() async throws {
        // Graceful shutdown stops the sending; what was handed over is still flushed below.
        try await cancelWhenGracefulShutdown {
            for await message in MessageSource(hooks: context.environment.hooks, keyed: true) {
                guard let record = message.sequence.map(CustomerEvent.sample) ?? (try? JSONDecoder().decode(CustomerEvent.self, from: Data(message.value.utf8))) else {
                    context.logger.warning("skipped a line that is not a CustomerEvent in JSON: \(message.value.prefix(80))")
                    continue
                }
                try await send(key: message.key, record: record)
            }
        }
        do {
            try await producer.flush(timeout: .seconds(30))
        } catch {
            context.logger.error("not every message was delivered within 30 s: \(error)")
        }
        await tracker.waitUntilSettled()
    }

    // region: send-avro-record
    /// Encodes a record with the registered schema (magic byte, schema id, Avro binary) and hands it to the
    /// producer; events identify it by ``CustomerEvent/eventValue``.
    private func send(key: String?, record: CustomerEvent) async throws {
        let value = record.eventValue
        let bytes = try await encoder.encode(record, topic: settings.topic)
        let message = KafkaProducerMessage(topic: settings.topic, key: key.map { Array($0.utf8) }, value: bytes)
        context.events.emit(.producerSend(topic: settings.topic, key: key, value: value))
        let id = try await producer.enqueue(message)
        tracker.sent(.init(topic: settings.topic, key: key, value: value), id: id)
    }
    // endregion

    // region: delivery-report
    /// A report without an error means every replica `acks` asks for has the message; a report with one
    /// means librdkafka gave up after its retries, so the message is not written, or, after a timeout or a
    /// purge in flight, may be (the event says `indefinite`).
    static func delivered(_ message: DeliveryTracker.Message, _ report: KafkaDeliveryReport, context: ServiceContext) {
        if let error = report.error {
            context.logger.error("message to \(message.topic) was not delivered: \(error)")
        }
        context.events.emit(.delivery(of: message, report))
    }
    // endregion
}

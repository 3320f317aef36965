import Foundation
import Kafka
import KafkaServiceRuntime
import Logging
import ServiceLifecycle

/// Sends the service's messages (`Service`), then waits until every message has its delivery report.
struct Publisher: Service {
    var settings: ServiceSettings
    var producer: KafkaProducer
    var tracker: DeliveryTracker
    var context: ServiceContext

    /// Sends each line of standard input (`key<TAB>value`, or a value alone); values must be JSON. (Under
    /// `kafka-skill verify`, `PRODUCE_COUNT` numbered values instead.)
    func run() async throws {
        // Graceful shutdown stops the sending; what was handed over is still flushed below.
        try await cancelWhenGracefulShutdown {
            for await message in MessageSource(hooks: context.environment.hooks, keyed: true) {
                guard (try? JSONSerialization.jsonObject(with: Data(message.value.utf8), options: [.fragmentsAllowed])) != nil else {
                    context.logger.warning("skipped a line that is not JSON (the topic carries JSON values): \(message.value.prefix(80))")
                    continue
                }
                try await send(key: message.key, value: message.value)
            }
        }
        do {
            try await producer.flush(timeout: .seconds(30))
        } catch {
            context.logger.error("not every message was delivered within 30 s: \(error)")
        }
        await tracker.waitUntilSettled()
    }

    // region: send-with-delivery-report
    /// Hands a message to the producer; its delivery report arrives on the producer's events and is matched
    /// to it by id. `enqueue` suspends while librdkafka's queue is full, which is the backpressure.
    private func send(key: String?, value: String) async throws {
        let message = KafkaProducerMessage(topic: settings.topic, key: key, value: value)
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

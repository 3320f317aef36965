import Kafka
import Logging
import ServiceLifecycle

/// Reads the producer's events and hands each delivery report to the tracker (`Service`).
///
/// The producer's events end when the producer has shut down and its last report is read; the group
/// starts this service before the producer so that it stops after it.
struct DeliveryReports: Service {
    var reports: KafkaProducerEvents
    var tracker: DeliveryTracker
    var logger: Logger

    func run() async {
        for await event in reports {
            switch event {
            case .deliveryReports(let batch):
                for report in batch { tracker.delivered(report) }
            case .error(let error):
                logger.error("producer error: \(error)")
            }
        }
        // The group stops services one at a time; finishing before its turn would count as a failure.
        try? await gracefulShutdown()
    }
}

/// What a delivery report means for the service: an acknowledged message, or a failed one.
struct DeliveryOutcomes: Sendable {
    var progress: Progress
    var events: EventLog
    var logger: Logger

    // region: delivery-report
    /// A report without an error means every replica `acks` asks for has the message; a report with one
    /// means librdkafka gave up after its retries, so the message is not (or may not be) written.
    func record(_ message: DeliveryTracker.Message, _ report: KafkaDeliveryReport) {
        guard let error = report.error else {
            progress.recordAcked()
            events.emit(.producerSendSuccess(
                topic: message.topic, key: message.key, value: message.value,
                partition: report.partition, offset: report.offset))
            return
        }
        // A timeout or a purge in flight leaves the outcome open: the broker may have written the message.
        let indefinite = error.code == .messageTimedOut || error.code == .purgeInFlight
        logger.error("message to \(message.topic) was not delivered: \(error)")
        events.emit(.producerSendError(
            topic: message.topic, key: message.key, value: message.value,
            code: error.name, message: error.message, indefinite: indefinite))
    }
    // endregion
}

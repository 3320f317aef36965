import Kafka
import KafkaServiceRuntime
import Logging
import ServiceLifecycle
import UnixSignals

/// The processor service: the consumer, the transactional producer, its delivery reports and the processor,
/// run as one `ServiceGroup`.
@main
struct Application: Sendable {
    var settings: ServiceSettings
    var context: ServiceContext

    /// Reads the settings and runs the service until it finishes or is asked to stop: exit status 0, or 64
    /// for unusable settings, 1 when it failed.
    static func main() async {
        await ServiceMain.run(name: ServiceSettings.serviceName, logLevel: .info, settings: ServiceSettings.init(reading:)) {
            try await Application(settings: $0, context: $1).run()
        }
    }

    /// Runs until one of `signals` asks for a graceful shutdown.
    /// - Throws: When a client cannot be created or a service fails; a fenced producer is such a failure.
    func run(gracefulShutdownSignals signals: [UnixSignal] = [.sigterm, .sigint]) async throws {
        let tracker = DeliveryTracker(events: context.events)
        let transformer = RecordTransformer(outputTopic: settings.outputTopic)
        let consumer = try KafkaConsumer(config: settings.consumerConfig(in: context), logger: context.logger)
        let (producer, reports) = try KafkaProducer.makeProducerWithEvents(config: settings.producerConfig(in: context), logger: context.logger)
        let processor = TransactionalProcessor(
            settings: settings, consumer: consumer, producer: producer, transformer: transformer,
            deadLetters: DeadLetterWriter(topic: settings.deadLetterTopic, producer: producer, events: context.events),
            tracker: tracker, retries: RecordRetries(settings.retry, context: context), context: context,
            batch: TransactionBatch(maxRecords: settings.transactionMaxRecords, maxWait: settings.transactionMaxWait))
        try processor.subscribe()
        context.logger.info(
            "reading \(settings.inputTopics.joined(separator: ",")) in group \(settings.groupID), writing \(settings.outputTopic) as \(settings.transactionalID)")

        // region: graceful-shutdown
        // A group stops its services one by one in reverse order: the processor stops reading and commits its
        // last transaction, the consumer leaves the group, the producer shuts down, and its last reports are read.
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: context.monitors + [
                .init(
                    service: DeliveryReports(reports: reports, tracker: tracker, logger: context.logger),
                    successTerminationBehavior: .gracefullyShutdownGroup),
                .init(service: producer),
                .init(service: consumer),
                .init(service: processor, successTerminationBehavior: .gracefullyShutdownGroup),
            ],
            gracefulShutdownSignals: signals,
            logger: context.logger))
        try await context.run(group, startup: .startupComplete(
            role: .processor, topics: settings.inputTopics + [settings.outputTopic],
            outputTopics: [settings.outputTopic, settings.deadLetterTopic], group: settings.groupID))
        // endregion
    }
}

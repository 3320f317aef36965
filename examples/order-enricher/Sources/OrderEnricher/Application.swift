import Kafka
import Logging
import ServiceLifecycle
import UnixSignals

/// The processor service: the consumer, the transactional producer, its delivery reports and the processor,
/// run as one `ServiceGroup`.
struct Application: Sendable {
    var settings: ServiceSettings
    var logger: Logger
    var events: EventLog

    /// Runs until one of `signals` asks for a graceful shutdown (or `EXIT_AFTER_IDLE_MS` passes idle).
    /// - Throws: When a client cannot be created or a service fails; a fenced producer is such a failure.
    func run(gracefulShutdownSignals signals: [UnixSignal] = [.sigterm, .sigint]) async throws {
        let progress = Progress()
        let outcomes = DeliveryOutcomes(progress: progress, events: events, logger: logger)
        let tracker = DeliveryTracker { outcomes.record($0, $1) }
        let transformer = RecordTransformer(outputTopic: settings.outputTopic)
        let consumer = try KafkaConsumer(config: settings.consumerConfig(), logger: logger)
        let (producer, reports) = try KafkaProducer.makeProducerWithEvents(config: settings.producerConfig(), logger: logger)
        let processor = TransactionalProcessor(
            settings: settings, consumer: consumer, producer: producer, transformer: transformer, tracker: tracker,
            progress: progress, events: events, logger: logger)
        try processor.subscribe()
        logger.info(
            "reading \(settings.inputTopics.joined(separator: ",")) in group \(settings.groupID), writing \(settings.outputTopic) as \(settings.transactionalID)")

        // region: graceful-shutdown
        // A group stops its services one by one in reverse order: the processor stops reading and commits its
        // last transaction, the consumer leaves the group, the producer shuts down, and its last reports are read.
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [
                .init(service: ProgressReporter(progress: progress, events: events), successTerminationBehavior: .ignore),
                .init(
                    service: DeliveryReports(reports: reports, tracker: tracker, logger: logger),
                    successTerminationBehavior: .gracefullyShutdownGroup),
                .init(service: producer),
                .init(service: consumer),
                .init(service: processor, successTerminationBehavior: .gracefullyShutdownGroup),
            ],
            gracefulShutdownSignals: signals,
            logger: logger))
        events.emit(.startupComplete(
            role: "processor", topics: settings.inputTopics + [settings.outputTopic],
            outputTopics: [settings.outputTopic, settings.deadLetterTopic], group: settings.groupID))
        try await group.run()
        events.emit(.shutdownComplete)
        // endregion
    }
}

import Kafka
import Logging
import ServiceLifecycle
import UnixSignals

/// The worker service: the consumer, the dead-letter producer and the worker, run as one `ServiceGroup`.
struct Application: Sendable {
    var settings: ServiceSettings
    var logger: Logger
    var events: EventLog

    /// Runs until one of `signals` asks for a graceful shutdown (or `EXIT_AFTER_IDLE_MS` passes idle).
    /// - Throws: When a client cannot be created or a service fails.
    func run(gracefulShutdownSignals signals: [UnixSignal] = [.sigterm, .sigint]) async throws {
        let progress = Progress()
        let consumer = try KafkaConsumer(config: settings.consumerConfig(), logger: logger)
        let deadLetters = DeadLetterQueue(
            topic: settings.deadLetterTopic, producer: try KafkaProducer(config: settings.producerConfig(), logger: logger),
            progress: progress, events: events)
        let worker = ConsumerWorker(
            settings: settings, consumer: consumer, processor: RecordProcessor(logger: logger), deadLetters: deadLetters,
            progress: progress, events: events, logger: logger)
        try worker.subscribe()
        logger.info("reading \(settings.inputTopics.joined(separator: ",")) in group \(settings.groupID)")

        // region: graceful-shutdown
        // A group stops its services one by one in reverse order: the worker stops reading and commits what
        // it processed, the consumer leaves the group, and the dead-letter producer delivers what it holds.
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [
                .init(service: ProgressReporter(progress: progress, events: events), successTerminationBehavior: .ignore),
                .init(service: deadLetters.producer),
                .init(service: consumer),
                .init(service: worker, successTerminationBehavior: .gracefullyShutdownGroup),
            ],
            gracefulShutdownSignals: signals,
            logger: logger))
        events.emit(.startupComplete(
            role: "consumer", topics: settings.inputTopics, outputTopics: [settings.deadLetterTopic], group: settings.groupID))
        try await group.run()
        events.emit(.shutdownComplete)
        // endregion
    }
}

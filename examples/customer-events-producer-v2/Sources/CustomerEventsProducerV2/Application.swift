import Kafka
import Logging
import ServiceLifecycle
import UnixSignals

/// The producer service: the Kafka producer, its delivery reports and the publisher, run as one `ServiceGroup`.
struct Application: Sendable {
    var settings: ServiceSettings
    var logger: Logger
    var events: EventLog

    /// Runs until every message is sent and reported, or until one of `signals` asks for a graceful shutdown.
    /// - Throws: When a client cannot be created or a service fails.
    func run(gracefulShutdownSignals signals: [UnixSignal] = [.sigterm, .sigint]) async throws {
        let progress = Progress()
        let outcomes = DeliveryOutcomes(progress: progress, events: events, logger: logger)
        let tracker = DeliveryTracker { outcomes.record($0, $1) }
        let registry = try settings.schemaRegistry()
        let encoder = try RecordEncoder(client: registry.client, registryURL: registry.url)
        // Before any Kafka client exists: a schema the registry does not hold stops the service here.
        try await encoder.prepare(topic: settings.topic)
        let (producer, reports) = try KafkaProducer.makeProducerWithEvents(config: settings.producerConfig(), logger: logger)
        let publisher = Publisher(
            settings: settings, producer: producer, encoder: encoder, tracker: tracker, progress: progress, events: events,
            logger: logger)
        logger.info("sending to \(settings.topic) via \(settings.bootstrapServers.joined(separator: ","))")

        // region: graceful-shutdown
        // A group stops its services one by one in reverse order: the publisher stops sending, the producer
        // delivers what it holds, then the last delivery reports are read. SIGTERM and SIGINT start it; so
        // does the publisher finishing its work.
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [
                .init(service: ProgressReporter(progress: progress, events: events), successTerminationBehavior: .ignore),
                .init(
                    service: DeliveryReports(reports: reports, tracker: tracker, logger: logger),
                    successTerminationBehavior: .gracefullyShutdownGroup),
                .init(service: producer),
                .init(service: publisher, successTerminationBehavior: .gracefullyShutdownGroup),
            ],
            gracefulShutdownSignals: signals,
            logger: logger))
        events.emit(.startupComplete(role: "producer", topics: [settings.topic], outputTopics: [settings.topic], group: nil))
        try await group.run()
        events.emit(.shutdownComplete)
        // endregion
    }
}

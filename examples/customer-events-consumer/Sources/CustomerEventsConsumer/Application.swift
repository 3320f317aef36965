import Kafka
import KafkaServiceRuntime
import Logging
import ServiceLifecycle
import UnixSignals

/// The worker service: the consumer, the dead-letter producer and the worker, run as one `ServiceGroup`.
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
    /// - Throws: When a client cannot be created or a service fails.
    func run(gracefulShutdownSignals signals: [UnixSignal] = [.sigterm, .sigint]) async throws {
        let consumer = try KafkaConsumer(config: settings.consumerConfig(in: context), logger: context.logger)
        let deadLetters = DeadLetterWriter(
            topic: settings.deadLetterTopic, producer: try KafkaProducer(config: settings.producerConfig(in: context), logger: context.logger),
            events: context.events)
        let worker = ConsumerWorker(
            settings: settings, consumer: consumer, processor: RecordProcessor(logger: context.logger), decoder: try RecordDecoder(client: settings.schemaRegistry()), deadLetters: deadLetters,
            retries: RecordRetries(settings.retry, context: context), context: context)
        try worker.subscribe()
        context.logger.info("reading \(settings.inputTopics.joined(separator: ",")) in group \(settings.groupID)")

        // region: graceful-shutdown
        // A group stops its services one by one in reverse order: the worker stops reading and commits what
        // it processed, the consumer leaves the group, and the dead-letter producer delivers what it holds.
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: context.monitors + [
                .init(service: deadLetters.producer),
                .init(service: consumer),
                .init(service: worker, successTerminationBehavior: .gracefullyShutdownGroup),
            ],
            gracefulShutdownSignals: signals,
            logger: context.logger))
        try await context.run(group, startup: .startupComplete(
            role: .consumer, topics: settings.inputTopics, outputTopics: [settings.deadLetterTopic], group: settings.groupID))
        // endregion
    }
}

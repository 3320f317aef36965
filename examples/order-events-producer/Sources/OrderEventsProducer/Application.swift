import Kafka
import KafkaServiceRuntime
import Logging
import ServiceLifecycle
import UnixSignals

/// The producer service: the Kafka producer, its
/// delivery reports and the publisher, run as one `ServiceGroup`.
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

    /// Runs until every message is sent and reported, or until one of `signals` asks for a graceful shutdown.
    /// - Throws: When a client cannot be created or a service fails.
    func run(gracefulShutdownSignals signals: [UnixSignal] = [.sigterm, .sigint]) async throws {
        let tracker = DeliveryTracker { [context] in Publisher.delivered($0, $1, context: context) }
        let (producer, reports) = try KafkaProducer.makeProducerWithEvents(config: settings.producerConfig(in: context), logger: context.logger)
        let publisher = Publisher(settings: settings, producer: producer, tracker: tracker, context: context)
        context.logger.info("sending to \(settings.topic) via \(context.environment.bootstrapServers.joined(separator: ","))")

        // region: graceful-shutdown
        // A group stops its services one by one in reverse order: the publisher stops sending, the producer
        // delivers what it holds, then the last delivery reports are read. SIGTERM and SIGINT start it; so
        // does the publisher finishing its work.
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: context.monitors + [
                .init(
                    service: DeliveryReports(reports: reports, tracker: tracker, logger: context.logger),
                    successTerminationBehavior: .gracefullyShutdownGroup),
                .init(service: producer),
                .init(service: publisher, successTerminationBehavior: .gracefullyShutdownGroup),
            ],
            gracefulShutdownSignals: signals,
            logger: context.logger))
        try await context.run(group, startup: .startupComplete(role: .producer, topics: [settings.topic], outputTopics: [settings.topic], group: nil))
        // endregion
    }
}

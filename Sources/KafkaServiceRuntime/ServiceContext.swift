public import Kafka
public import Logging
public import ServiceLifecycle

/// What every part of a service shares: its name, its common settings, its logger and its event log.
public struct ServiceContext: Sendable {
    /// The service's name: the client id and the `service` field of every event.
    public var name: String
    /// The common settings read from the environment.
    public var environment: ServiceEnvironment
    /// The service's logger.
    public var logger: Logger
    /// The service-event log.
    public var events: EventLog

    /// Creates a context.
    public init(name: String, environment: ServiceEnvironment, logger: Logger, events: EventLog) {
        self.name = name
        self.environment = environment
        self.logger = logger
        self.events = events
    }

    /// A context read from `variables` as a service would read its environment, logging nothing below
    /// `critical`: for tests, which run the service in their own process.
    /// - Throws: ``ServiceRuntimeError`` for an unusable variable or event file.
    public init(name: String, variables: [String: String]) throws(ServiceRuntimeError) {
        let environment = try ServiceEnvironment(reading: EnvironmentReader(environment: variables), logLevel: .critical)
        var logger = Logger(label: name)
        logger.logLevel = .critical
        self.init(name: name, environment: environment, logger: logger, events: try EventLog(destination: environment.events, service: name, logger: logger))
    }

    /// A client configuration: the delivery preset's `properties`, then the brokers, client id and security.
    /// - Throws: `KafkaError` naming a property librdkafka rejects.
    public func kafkaConfig(_ properties: [String: String]) throws -> KafkaConfig {
        try environment.kafkaConfig(properties, clientID: name)
    }

    /// The services that watch the service rather than do its work: the progress reporter, and the idle
    /// watch when `EXIT_AFTER_IDLE_MS` is set. Put them first in the group, so they stop last.
    public var monitors: [ServiceGroupConfiguration.ServiceConfiguration] {
        var monitors: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: ProgressReporter(events: events), successTerminationBehavior: .ignore)
        ]
        if let limit = environment.hooks.exitAfterIdle {
            monitors.append(.init(service: IdleWatch(events: events, limit: limit), successTerminationBehavior: .gracefullyShutdownGroup))
        }
        return monitors
    }

    /// Runs `group` between the `startup_complete` and `shutdown_complete` events.
    /// - Throws: What the group throws.
    public func run(_ group: ServiceGroup, startup: ServiceEvent.Kind) async throws {
        events.emit(startup)
        try await group.run()
        events.emit(.shutdownComplete)
    }
}

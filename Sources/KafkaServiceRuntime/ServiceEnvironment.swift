public import Kafka
public import Logging

/// The settings every service reads from its environment, with their defaults.
///
/// | Variable | Default | Meaning |
/// | --- | --- | --- |
/// | `KAFKA_BOOTSTRAP_SERVERS` | `127.0.0.1:9092` | the brokers to bootstrap from, comma-separated |
/// | `LOG_LEVEL` | the service's | the least severe level logged to standard error |
/// | `KAFKA_SKILL_EVENTS` | unset: nowhere | `stdout`, or a file to append JSON-lines events to |
/// | `KAFKA_SECURITY_PROTOCOL`, `KAFKA_SASL_*`, `KAFKA_SSL_CA_LOCATION` | unset: PLAINTEXT | see ``SecuritySettings`` |
///
/// The hooks `kafka-skill verify` switches on are in ``VerifyHooks``.
public struct ServiceEnvironment: Sendable {
    /// `KAFKA_BOOTSTRAP_SERVERS`: the brokers to bootstrap from.
    public var bootstrapServers = ["127.0.0.1:9092"]
    /// `LOG_LEVEL`: the least severe level logged to standard error.
    public var logLevel: Logger.Level
    /// `KAFKA_SKILL_EVENTS`: where JSON-lines events go.
    public var events = EventLog.Destination.disabled
    /// How to reach a secured cluster.
    public var security = SecuritySettings()
    /// The hooks verify uses; all off by default.
    public var hooks = VerifyHooks()

    /// The defaults, logging at `logLevel`.
    public init(logLevel: Logger.Level = .info) {
        self.logLevel = logLevel
    }

    /// Reads the variables; an unset one keeps the default.
    /// - Throws: ``ServiceRuntimeError`` naming the first variable with an unusable value.
    public init(reading reader: EnvironmentReader, logLevel: Logger.Level = .info) throws(ServiceRuntimeError) {
        self.init(logLevel: logLevel)
        bootstrapServers = reader.list("KAFKA_BOOTSTRAP_SERVERS", default: bootstrapServers)
        self.logLevel = try reader.logLevel("LOG_LEVEL", default: logLevel)
        if let events = reader.optionalString("KAFKA_SKILL_EVENTS") {
            self.events = events == "stdout" ? .standardOutput : .file(path: events)
        }
        security = SecuritySettings(reading: reader)
        hooks = try VerifyHooks(reading: reader)
    }

    /// A client configuration: `properties` (a delivery preset), then the brokers, the client id and security.
    /// - Throws: `KafkaError` naming a property librdkafka rejects.
    public func kafkaConfig(_ properties: [String: String], clientID: String) throws -> KafkaConfig {
        var config = try KafkaConfig(properties)
        config.bootstrapServers = bootstrapServers
        config.clientId = clientID
        try security.apply(to: &config)
        return config
    }
}

import Logging

/// Everything the producer reads from its environment, with the defaults documented in the README.
struct ServiceSettings: Sendable {
    /// The service's name: the client id and the `service` field of every event.
    static let serviceName = "customer-events-producer-v1"

    /// `KAFKA_BOOTSTRAP_SERVERS`: the brokers to bootstrap from. Default: `127.0.0.1:9092`.
    var bootstrapServers = ["127.0.0.1:9092"]
    /// `KAFKA_TOPIC`: where to send. Default: `customer-events`.
    var topic = "customer-events"
    /// `LOG_LEVEL`: the least severe level logged to standard error. Default: `info`.
    var logLevel = Logger.Level.info
    /// `KAFKA_SKILL_EVENTS`: where JSON-lines events go: `stdout`, or a file to append to. Default: nowhere.
    var events = EventLog.Destination.disabled
    /// `PRODUCE_COUNT`: how many synthetic messages to send before exiting; 0 sends standard input's lines. Default: 0.
    var produceCount = 0
    /// `PRODUCE_START`: the first synthetic sequence number. Default: 0.
    var produceStart = 0
    /// `PRODUCE_INTERVAL_MS`: the pause between synthetic messages; 0 sends them back to back. Default: 0.
    var produceIntervalMs = 0
    /// `KEY_COUNT`: synthetic messages use keys `key-0` … `key-(KEY_COUNT-1)`. Default: 10.
    var keyCount = 10
    /// `SCHEMA_REGISTRY_URL`: the schema registry that holds the value schema. Default: `http://127.0.0.1:8081`.
    var schemaRegistryURL = "http://127.0.0.1:8081"
    /// `KAFKA_SECURITY_PROTOCOL`, `KAFKA_SASL_*`, `KAFKA_SSL_CA_LOCATION`.
    var security = SecuritySettings()

    /// The defaults.
    init() {}

    /// Reads the settings from environment variables.
    /// - Throws: ``SettingsError`` naming the first variable with an unusable value.
    init(environment: [String: String]) throws(SettingsError) {
        let reader = EnvironmentReader(environment: environment)
        bootstrapServers = reader.list("KAFKA_BOOTSTRAP_SERVERS", default: bootstrapServers)
        topic = reader.string("KAFKA_TOPIC", default: topic)
        logLevel = try reader.logLevel("LOG_LEVEL", default: logLevel)
        events = reader.eventsDestination("KAFKA_SKILL_EVENTS")
        produceCount = try reader.int("PRODUCE_COUNT", default: produceCount, in: 0...Int(Int32.max))
        produceStart = try reader.int("PRODUCE_START", default: produceStart, in: 0...Int(Int64.max / 2))
        produceIntervalMs = try reader.int("PRODUCE_INTERVAL_MS", default: produceIntervalMs, in: 0...3_600_000)
        keyCount = try reader.int("KEY_COUNT", default: keyCount, in: 1...1_000_000)
        schemaRegistryURL = try reader.url("SCHEMA_REGISTRY_URL", default: schemaRegistryURL)
        security = SecuritySettings(reading: reader)
    }
}

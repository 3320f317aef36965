import Logging

/// Everything the worker reads from its environment, with the defaults documented in the README.
struct ServiceSettings: Sendable {
    /// The service's name: the client id and the `service` field of every event.
    static let serviceName = "order-events-worker"

    /// `KAFKA_BOOTSTRAP_SERVERS`: the brokers to bootstrap from. Default: `127.0.0.1:9092`.
    var bootstrapServers = ["127.0.0.1:9092"]
    /// `KAFKA_INPUT_TOPICS`: the topics to read, comma-separated. Default: `order-events`.
    var inputTopics = ["order-events"]
    /// `KAFKA_GROUP_ID`: the consumer group. Default: `order-events-workers`.
    var groupID = "order-events-workers"
    /// `KAFKA_SESSION_TIMEOUT_MS`: how long the group waits for a silent member before rebalancing
    /// (`session.timeout.ms`; the heartbeat becomes at most a third of it). Default: the preset's, else 45000.
    var sessionTimeoutMs: Int?
    /// `KAFKA_DEAD_LETTER_TOPIC`: where records go that fail every retry. Default: `order-events-dlq`.
    var deadLetterTopic = "order-events-dlq"
    /// `PROCESSING_RETRIES`: retries of a failed record before it is dead-lettered. Default: 3.
    var retries = 3
    /// `RETRY_BACKOFF_MS`: the first wait between retries; it doubles each time, up to 30 s. Default: 200.
    var retryBackoffMs = 200
    /// `COMMIT_EVERY`: processed records between explicit commits. Default: 100.
    var commitEvery = 100
    /// `EXIT_AFTER_IDLE_MS`: once partitions are assigned, stop after this long without a record; 0 runs
    /// until stopped. Default: 0.
    var exitAfterIdleMs = 0
    /// `FAIL_EVERY`: a test hook that fails every Nth record on every attempt; 0 is off. Default: 0.
    var failEvery = 0
    /// `LOG_LEVEL`: the least severe level logged to standard error. Default: `info`.
    var logLevel = Logger.Level.info
    /// `KAFKA_SKILL_EVENTS`: where JSON-lines events go: `stdout`, or a file to append to. Default: nowhere.
    var events = EventLog.Destination.disabled
    /// `KAFKA_SECURITY_PROTOCOL`, `KAFKA_SASL_*`, `KAFKA_SSL_CA_LOCATION`.
    var security = SecuritySettings()

    /// The defaults.
    init() {}

    /// Reads the settings from environment variables.
    /// - Throws: ``SettingsError`` naming the first variable with an unusable value.
    init(environment: [String: String]) throws(SettingsError) {
        let reader = EnvironmentReader(environment: environment)
        bootstrapServers = reader.list("KAFKA_BOOTSTRAP_SERVERS", default: bootstrapServers)
        inputTopics = reader.list("KAFKA_INPUT_TOPICS", default: inputTopics)
        groupID = reader.string("KAFKA_GROUP_ID", default: groupID)
        sessionTimeoutMs = try reader.optionalInt("KAFKA_SESSION_TIMEOUT_MS", in: 1000...3_600_000)
        deadLetterTopic = reader.string("KAFKA_DEAD_LETTER_TOPIC", default: deadLetterTopic)
        retries = try reader.int("PROCESSING_RETRIES", default: retries, in: 0...100)
        retryBackoffMs = try reader.int("RETRY_BACKOFF_MS", default: retryBackoffMs, in: 1...600_000)
        commitEvery = try reader.int("COMMIT_EVERY", default: commitEvery, in: 1...1_000_000)
        exitAfterIdleMs = try reader.int("EXIT_AFTER_IDLE_MS", default: exitAfterIdleMs, in: 0...Int(Int32.max))
        failEvery = try reader.int("FAIL_EVERY", default: failEvery, in: 0...Int(Int32.max))
        logLevel = try reader.logLevel("LOG_LEVEL", default: logLevel)
        events = reader.eventsDestination("KAFKA_SKILL_EVENTS")
        security = SecuritySettings(reading: reader)
    }
}

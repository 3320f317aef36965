import Foundation
import Logging

/// Everything the processor reads from its environment, with the defaults documented in the README.
struct ServiceSettings: Sendable {
    /// The service's name: the client id and the `service` field of every event.
    static let serviceName = "order-enricher"

    /// `KAFKA_BOOTSTRAP_SERVERS`: the brokers to bootstrap from. Default: `127.0.0.1:9092`.
    var bootstrapServers = ["127.0.0.1:9092"]
    /// `KAFKA_INPUT_TOPICS`: the topics to read, comma-separated. Default: `order-events`.
    var inputTopics = ["order-events"]
    /// `KAFKA_OUTPUT_TOPIC`: where the output goes. Default: `enriched-orders`.
    var outputTopic = "enriched-orders"
    /// `KAFKA_GROUP_ID`: the consumer group. Default: `order-enricher`.
    var groupID = "order-enricher"
    /// `KAFKA_SESSION_TIMEOUT_MS`: how long the group waits for a silent member before rebalancing
    /// (`session.timeout.ms`; the heartbeat becomes at most a third of it). Default: the preset's, else 45000.
    var sessionTimeoutMs: Int?
    /// `KAFKA_TRANSACTIONAL_ID`: stable per instance, so that a restarted instance fences its predecessor.
    /// Default: `order-enricher-<host name>` (the pod name on Kubernetes).
    var transactionalID = "order-enricher-" + ProcessInfo.processInfo.hostName
    /// `KAFKA_DEAD_LETTER_TOPIC`: where records go that fail every retry. Default: `order-enricher-dlq`.
    var deadLetterTopic = "order-enricher-dlq"
    /// `PROCESSING_RETRIES`: retries of a failed record before it is dead-lettered. Default: 2.
    var retries = 2
    /// `RETRY_BACKOFF_MS`: the first wait between retries; it doubles each time, up to 30 s. Default: 50.
    var retryBackoffMs = 50
    /// `TRANSACTION_MAX_RECORDS`: input records per transaction at most. Default: 500.
    var transactionMaxRecords = 500
    /// `TRANSACTION_MAX_WAIT_MS`: how long a record may wait for its transaction to commit. Default: 100.
    var transactionMaxWaitMs = 100
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
        outputTopic = reader.string("KAFKA_OUTPUT_TOPIC", default: outputTopic)
        groupID = reader.string("KAFKA_GROUP_ID", default: groupID)
        sessionTimeoutMs = try reader.optionalInt("KAFKA_SESSION_TIMEOUT_MS", in: 1000...3_600_000)
        transactionalID = reader.string("KAFKA_TRANSACTIONAL_ID", default: transactionalID)
        deadLetterTopic = reader.string("KAFKA_DEAD_LETTER_TOPIC", default: deadLetterTopic)
        retries = try reader.int("PROCESSING_RETRIES", default: retries, in: 0...100)
        retryBackoffMs = try reader.int("RETRY_BACKOFF_MS", default: retryBackoffMs, in: 1...600_000)
        transactionMaxRecords = try reader.int("TRANSACTION_MAX_RECORDS", default: transactionMaxRecords, in: 1...100_000)
        transactionMaxWaitMs = try reader.int("TRANSACTION_MAX_WAIT_MS", default: transactionMaxWaitMs, in: 1...60_000)
        exitAfterIdleMs = try reader.int("EXIT_AFTER_IDLE_MS", default: exitAfterIdleMs, in: 0...Int(Int32.max))
        failEvery = try reader.int("FAIL_EVERY", default: failEvery, in: 0...Int(Int32.max))
        logLevel = try reader.logLevel("LOG_LEVEL", default: logLevel)
        events = reader.eventsDestination("KAFKA_SKILL_EVENTS")
        security = SecuritySettings(reading: reader)
    }
}

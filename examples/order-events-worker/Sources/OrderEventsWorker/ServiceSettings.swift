import Kafka
import KafkaServiceRuntime

/// The worker's own settings, read from its environment, and the Kafka client configurations
/// built from them; the common settings (`KAFKA_BOOTSTRAP_SERVERS`, `LOG_LEVEL`, security, events) are
/// `ServiceEnvironment`'s.
struct ServiceSettings: Sendable {
    /// The service's name: the client id and the `service` field of every event.
    static let serviceName = "order-events-worker"

    /// `KAFKA_INPUT_TOPICS`: the topics to read, comma-separated. Default: `order-events`.
    var inputTopics = ["order-events"]
    /// `KAFKA_GROUP_ID`: the consumer group. Default: `order-events-workers`.
    var groupID = "order-events-workers"
    /// `KAFKA_SESSION_TIMEOUT_MS`: how long the group waits for a silent member before rebalancing. Default:
    /// the preset's, else 45000.
    var sessionTimeoutMs: Int?
    /// `KAFKA_DEAD_LETTER_TOPIC`: where records go that fail every retry. Default: `order-events-dlq`.
    var deadLetterTopic = "order-events-dlq"
    /// `PROCESSING_RETRIES` (default 3) and `RETRY_BACKOFF_MS` (default 200, doubling up to 30 s, with jitter).
    var retry = RetryPolicy(retries: 3, backoff: .milliseconds(200))
    /// `COMMIT_EVERY`: processed records between explicit commits. Default: 100.
    var commitEvery = 100

    /// Reads the settings; an unset variable keeps its default.
    /// - Throws: `ServiceRuntimeError` naming the first variable with an unusable value.
    init(reading reader: EnvironmentReader) throws {
        inputTopics = reader.list("KAFKA_INPUT_TOPICS", default: inputTopics)
        groupID = reader.string("KAFKA_GROUP_ID", default: groupID)
        sessionTimeoutMs = try reader.optionalInt("KAFKA_SESSION_TIMEOUT_MS", in: 1000...3_600_000)
        deadLetterTopic = reader.string("KAFKA_DEAD_LETTER_TOPIC", default: deadLetterTopic)
        retry.retries = try reader.int("PROCESSING_RETRIES", default: retry.retries, in: 0...100)
        retry.backoff = try reader.milliseconds("RETRY_BACKOFF_MS", default: 200, in: 1...600_000)
        commitEvery = try reader.int("COMMIT_EVERY", default: commitEvery, in: 1...1_000_000)
    }
}

extension ServiceSettings {
    /// The consumer's configuration: the delivery preset, then the brokers, client id and security, the group,
    /// and `KAFKA_SESSION_TIMEOUT_MS` over the preset's session timeout, with heartbeats at most a third of it.
    /// - Throws: `KafkaError` naming a property librdkafka rejects.
    func consumerConfig(in context: ServiceContext) throws -> KafkaConfig {
        var config = try context.kafkaConfig(KafkaProperties.consumer)
        config.groupId = groupID
        config.sessionTimeoutMs = sessionTimeoutMs ?? config.sessionTimeoutMs
        try config.set("heartbeat.interval.ms", String(min(3000, (config.sessionTimeoutMs ?? 45000) / 3)))
        return config
    }

    /// The dead-letter producer's configuration: the delivery preset, then the brokers, client id and security.
    /// - Throws: `KafkaError` naming a property librdkafka rejects.
    func producerConfig(in context: ServiceContext) throws -> KafkaConfig {
        try context.kafkaConfig(KafkaProperties.producer)
    }
}

/// The client properties, from the kafka-events skill's delivery presets
/// (`skills/kafka-events/assets/presets/`); settings from the environment are added on top.
enum KafkaProperties {
    // region: at-least-once-consumer-config
    /// Preset `consumer-at-least-once`: Stores each offset after the record is processed and lets
    /// auto-commit commit only processed work.
    static let consumer: [String: String] = [
        // Commits stored offsets in the background every auto.commit.interval.ms.
        "enable.auto.commit": "true",
        // The application stores an offset only after processing, so the auto-commit never commits unprocessed
        // records.
        "enable.auto.offset.store": "false",
        // At most 5 seconds of processed records are re-delivered after a crash (the 2.0.2 default, stated).
        "auto.commit.interval.ms": "5000",
        // A new group processes everything retained instead of silently skipping to the end (2.0.2 defaults to
        // latest).
        "auto.offset.reset": "earliest",
        // Rebalances move only the partitions that change owner instead of stopping the whole group.
        "partition.assignment.strategy": "cooperative-sticky",
        // Skip records of aborted transactions (the 2.0.2 default, stated explicitly).
        "isolation.level": "read_committed",
    ]
    // endregion

    // region: idempotent-producer-config
    /// Preset `producer-at-least-once`: Retries until every in-sync replica has the record, without retry
    /// duplicates or reordering.
    static let producer: [String: String] = [
        // Acknowledge only when every in-sync replica has the record; with min.insync.replicas=2 it survives a
        // broker loss.
        "acks": "all",
        // Retries cannot duplicate or reorder records within a partition (off by default in 2.0.2).
        "enable.idempotence": "true",
        // Retries continue for up to 5 minutes before a delivery report fails; a failed report must be
        // handled.
        "message.timeout.ms": "300000",
        // Small batches keep latency low while still grouping records per request.
        "linger.ms": "5",
        // Cheap compression of whole batches cuts network and disk use for text payloads.
        "compression.type": "lz4",
    ]
    // endregion
}

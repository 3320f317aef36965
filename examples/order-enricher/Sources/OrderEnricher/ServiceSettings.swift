import Foundation
import Kafka
import KafkaServiceRuntime

/// The processor's own settings, read from its environment, and the Kafka client configurations
/// built from them; the common settings (`KAFKA_BOOTSTRAP_SERVERS`, `LOG_LEVEL`, security, events) are
/// `ServiceEnvironment`'s.
struct ServiceSettings: Sendable {
    /// The service's name: the client id and the `service` field of every event.
    static let serviceName = "order-enricher"

    /// `KAFKA_INPUT_TOPICS`: the topics to read, comma-separated. Default: `order-events`.
    var inputTopics = ["order-events"]
    /// `KAFKA_OUTPUT_TOPIC`: where the output goes. Default: `enriched-orders`.
    var outputTopic = "enriched-orders"
    /// `KAFKA_GROUP_ID`: the consumer group. Default: `order-enricher`.
    var groupID = "order-enricher"
    /// `KAFKA_SESSION_TIMEOUT_MS`: how long the group waits for a silent member before rebalancing. Default:
    /// the preset's, else 45000.
    var sessionTimeoutMs: Int?
    /// `KAFKA_TRANSACTIONAL_ID`: stable per instance, so that a restarted instance fences its predecessor.
    /// Default: `order-enricher-<host name>` (the pod name on Kubernetes).
    var transactionalID = "order-enricher-" + ProcessInfo.processInfo.hostName
    /// `KAFKA_DEAD_LETTER_TOPIC`: where records go that fail every retry. Default: `order-enricher-dlq`.
    var deadLetterTopic = "order-enricher-dlq"
    /// `PROCESSING_RETRIES` (default 2) and `RETRY_BACKOFF_MS` (default 50, doubling up to 30 s, with jitter).
    var retry = RetryPolicy(retries: 2, backoff: .milliseconds(50))
    /// `TRANSACTION_MAX_RECORDS`: input records per transaction at most. Default: 500.
    var transactionMaxRecords = 500
    /// `TRANSACTION_MAX_WAIT_MS`: how long a record may wait for its transaction to commit. Default: 100.
    var transactionMaxWait = Duration.milliseconds(100)

    /// Reads the settings; an unset variable keeps its default.
    /// - Throws: `ServiceRuntimeError` naming the first variable with an unusable value.
    init(reading reader: EnvironmentReader) throws {
        inputTopics = reader.list("KAFKA_INPUT_TOPICS", default: inputTopics)
        outputTopic = reader.string("KAFKA_OUTPUT_TOPIC", default: outputTopic)
        groupID = reader.string("KAFKA_GROUP_ID", default: groupID)
        sessionTimeoutMs = try reader.optionalInt("KAFKA_SESSION_TIMEOUT_MS", in: 1000...3_600_000)
        transactionalID = reader.string("KAFKA_TRANSACTIONAL_ID", default: transactionalID)
        deadLetterTopic = reader.string("KAFKA_DEAD_LETTER_TOPIC", default: deadLetterTopic)
        retry.retries = try reader.int("PROCESSING_RETRIES", default: retry.retries, in: 0...100)
        retry.backoff = try reader.milliseconds("RETRY_BACKOFF_MS", default: 50, in: 1...600_000)
        transactionMaxRecords = try reader.int("TRANSACTION_MAX_RECORDS", default: transactionMaxRecords, in: 1...100_000)
        transactionMaxWait = try reader.milliseconds("TRANSACTION_MAX_WAIT_MS", default: 100, in: 1...60_000)
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

    /// The transactional producer's configuration: the delivery preset, then the brokers, client id and security.
    /// - Throws: `KafkaError` naming a property librdkafka rejects.
    func producerConfig(in context: ServiceContext) throws -> KafkaConfig {
        try context.kafkaConfig(KafkaProperties.producer(transactionalID: transactionalID))
    }
}

/// The client properties, from the kafka-events skill's delivery presets
/// (`skills/kafka-events/assets/presets/`); settings from the environment are added on top.
enum KafkaProperties {
    // region: exactly-once-consumer-config
    /// Preset `consumer-exactly-once`: The input side of a consume-process-produce loop; offsets are
    /// committed through the producer's transaction.
    static let consumer: [String: String] = [
        // Offsets must be committed inside the transaction with sendOffsetsToTransaction, never by the
        // consumer.
        "enable.auto.commit": "false",
        // Nothing is stored for auto-commit; the transaction carries the offsets.
        "enable.auto.offset.store": "false",
        // Read only committed records, so aborted upstream output is never processed.
        "isolation.level": "read_committed",
        // A new processor group starts from the oldest retained record.
        "auto.offset.reset": "earliest",
        // Fewer partitions move per rebalance, so fewer open transactions are aborted.
        "partition.assignment.strategy": "cooperative-sticky",
    ]
    // endregion

    // region: transactional-producer-config
    /// Preset `producer-exactly-once`: A transactional producer that writes output records and the consumed
    /// offsets in one transaction.
    static func producer(transactionalID: String) -> [String: String] {
        [
            // From KAFKA_TRANSACTIONAL_ID. Replace with an id unique to each running instance and kept across its
            // restarts - a StatefulSet pod name, never a Deployment's pod name, which changes on every restart. A
            // restarted instance fences its zombie by reusing the id; group-metadata fencing (KIP-447) covers
            // rebalances.
            "transactional.id": transactionalID,
            // Transactions require idempotence; stated explicitly although transactional.id implies it.
            "enable.idempotence": "true",
            // Transactions require acks=all.
            "acks": "all",
            // The broker aborts a transaction left open longer than this, so a hung instance cannot block
            // read_committed readers for ever.
            "transaction.timeout.ms": "60000",
            // librdkafka requires message.timeout.ms to be at most transaction.timeout.ms.
            "message.timeout.ms": "60000",
        ]
    }
    // endregion
}

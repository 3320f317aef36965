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

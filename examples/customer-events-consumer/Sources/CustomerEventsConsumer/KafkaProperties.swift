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

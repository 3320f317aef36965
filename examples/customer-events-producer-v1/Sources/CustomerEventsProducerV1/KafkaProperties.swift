/// The client properties, from the kafka-events skill's delivery presets
/// (`skills/kafka-events/assets/presets/`); settings from the environment are added on top.
enum KafkaProperties {
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

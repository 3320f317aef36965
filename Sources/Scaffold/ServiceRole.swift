/// What a service does with Kafka; it chooses the default template.
public enum ServiceRole: String, Sendable, Hashable, CaseIterable {
    /// Sends messages to one topic.
    case producer
    /// Reads topics in a consumer group and processes each record.
    case consumer
    /// Reads topics, and writes each record's output together with the input offsets (consume-process-produce).
    case processor
}

/// The delivery guarantee a service gives; it selects the client presets.
public enum DeliveryGuarantee: String, Sendable, Hashable, CaseIterable {
    /// A failure may lose a record, never repeat it.
    case atMostOnce = "at-most-once"
    /// A failure may repeat a record, never lose it.
    case atLeastOnce = "at-least-once"
    /// Output and input offsets commit in one transaction: each record's output is visible once.
    case exactlyOnce = "exactly-once"

    /// The guarantees a role can give.
    public static func allowed(for role: ServiceRole) -> [DeliveryGuarantee] {
        switch role {
        case .producer, .consumer: return [.atMostOnce, .atLeastOnce]
        case .processor: return [.exactlyOnce]
        }
    }
}

/// What a service does with Kafka, as its `startup_complete` event and its service spec say.
public enum ServiceRole: String, Sendable, Hashable, Codable, CaseIterable {
    /// Sends records.
    case producer
    /// Reads records in a consumer group.
    case consumer
    /// Reads, processes and writes records, usually in transactions.
    case processor

    /// Whether the service reads from Kafka.
    public var reads: Bool { self != .producer }
}

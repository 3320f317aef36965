/// One line of a service's event log: what `kafka-skill verify` reads to check a delivery guarantee.
///
/// The names and fields follow Kafka's VerifiableProducer and VerifiableConsumer JSON lines, so their
/// checkers apply. Services write these with ``EventLog``; verify parses them back into this type.
public struct ServiceEvent: Sendable, Hashable, Codable {
    /// What a service does with Kafka, as its `startup_complete` event says.
    public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
        /// Sends records.
        case producer
        /// Reads records in a consumer group.
        case consumer
        /// Reads, processes and writes records, usually in transactions.
        case processor

        /// Whether the service reads from Kafka.
        public var reads: Bool { self != .producer }
    }

    /// A topic and partition in an event.
    public struct Partition: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
        /// The topic.
        public var topic: String
        /// The partition.
        public var partition: Int32

        /// Creates a topic partition.
        public init(topic: String, partition: Int32) {
            self.topic = topic
            self.partition = partition
        }

        /// Orders by topic, then partition.
        public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.topic, lhs.partition) < (rhs.topic, rhs.partition) }

        /// `topic[partition]`.
        public var description: String { "\(topic)[\(partition)]" }
    }

    /// A committed offset in an `offsets_committed` event: the next offset to read.
    public struct Offset: Sendable, Hashable, Codable {
        /// The topic.
        public var topic: String
        /// The partition.
        public var partition: Int32
        /// The next offset the group will read.
        public var offset: Int64

        /// Creates a committed offset.
        public init(topic: String, partition: Int32, offset: Int64) {
            self.topic = topic
            self.partition = partition
            self.offset = offset
        }
    }

    /// What happened, with the fields of that event.
    public enum Kind: Sendable, Hashable, Codable {
        /// The service is up; `topics` are the topics it reads or writes, `outputTopics` those it writes
        /// (its dead-letter topic included).
        case startupComplete(role: Role?, topics: [String], outputTopics: [String], group: String?)
        /// A send was invoked.
        case producerSend(topic: String, key: String?, value: String)
        /// A send was acknowledged at a partition and offset.
        case producerSendSuccess(topic: String, key: String?, value: String, partition: Int32, offset: Int64)
        /// A send failed; `indefinite` when the record may still have been written.
        case producerSendError(topic: String, key: String?, value: String, code: String, message: String, indefinite: Bool)
        /// Partitions were assigned to this consumer.
        case partitionsAssigned([Partition])
        /// Partitions were revoked from this consumer.
        case partitionsRevoked([Partition])
        /// Partitions were lost by this consumer (without a clean revoke).
        case partitionsLost([Partition])
        /// A record was processed.
        case recordData(topic: String, partition: Int32, offset: Int64, key: String?, value: String)
        /// Offsets were committed (or the commit failed).
        case offsetsCommitted(offsets: [Offset], success: Bool, error: String?)
        /// A transaction began; transactions are numbered from 1.
        case transactionBegin(transaction: Int)
        /// A transaction commit finished, successfully or not.
        case transactionCommit(transaction: Int, success: Bool)
        /// A transaction was aborted; its output is discarded and its input is read again.
        case transactionAbort(transaction: Int, reason: String?)
        /// A record that could not be processed went to a dead-letter topic.
        case deadLetter(topic: String, key: String?, value: String, sourceTopic: String, sourcePartition: Int32, sourceOffset: Int64, error: String)
        /// Periodic counters.
        case toolData(sent: Int, acked: Int, consumed: Int)
        /// The service stopped cleanly.
        case shutdownComplete

        /// The event's name as written, e.g. `producer_send_success`.
        public var name: String {
            switch self {
            case .startupComplete: "startup_complete"
            case .producerSend: "producer_send"
            case .producerSendSuccess: "producer_send_success"
            case .producerSendError: "producer_send_error"
            case .partitionsAssigned: "partitions_assigned"
            case .partitionsRevoked: "partitions_revoked"
            case .partitionsLost: "partitions_lost"
            case .recordData: "record_data"
            case .offsetsCommitted: "offsets_committed"
            case .transactionBegin: "transaction_begin"
            case .transactionCommit: "transaction_commit"
            case .transactionAbort: "transaction_abort"
            case .deadLetter: "dead_letter"
            case .toolData: "tool_data"
            case .shutdownComplete: "shutdown_complete"
            }
        }
    }

    /// The event's name as written, e.g. `producer_send_success`.
    public var name: String
    /// Milliseconds since 1970.
    public var timestamp: Int64
    /// The service that wrote it.
    public var service: String
    /// What happened.
    public var kind: Kind

    /// Creates an event.
    public init(name: String, timestamp: Int64, service: String, kind: Kind) {
        self.name = name
        self.timestamp = timestamp
        self.service = service
        self.kind = kind
    }

    /// Creates an event named after its kind.
    public init(_ kind: Kind, timestamp: Int64, service: String) {
        self.init(name: kind.name, timestamp: timestamp, service: service, kind: kind)
    }

    /// Every event name a service may write.
    public static let names = [
        "startup_complete", "producer_send", "producer_send_success", "producer_send_error", "partitions_assigned",
        "partitions_revoked", "partitions_lost", "record_data", "offsets_committed", "transaction_begin",
        "transaction_commit", "transaction_abort", "dead_letter", "tool_data", "shutdown_complete",
    ]
}

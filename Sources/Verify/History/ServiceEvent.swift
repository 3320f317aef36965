public import KafkaSkillModel
/// One line of a service's event output, as the service-event protocol defines it (after Kafka's VerifiableProducer and
/// VerifiableConsumer JSON lines).
public struct ServiceEvent: Sendable, Hashable, Codable {
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
        /// The service is up.
        case startupComplete(role: ServiceRole?, topics: [String], group: String?)
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
        /// A transaction began.
        case transactionBegin(transaction: Int)
        /// A transaction commit finished, successfully or not.
        case transactionCommit(transaction: Int, success: Bool)
        /// A transaction was aborted.
        case transactionAbort(transaction: Int, reason: String?)
        /// A record was sent to a dead-letter topic.
        case deadLetter(topic: String, key: String?, value: String, sourceTopic: String, sourcePartition: Int32, sourceOffset: Int64, error: String)
        /// Periodic counters.
        case toolData(sent: Int, acked: Int, consumed: Int)
        /// The service stopped cleanly.
        case shutdownComplete
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

    /// Every event name the service-event protocol defines.
    public static let names = [
        "startup_complete", "producer_send", "producer_send_success", "producer_send_error", "partitions_assigned",
        "partitions_revoked", "partitions_lost", "record_data", "offsets_committed", "transaction_begin",
        "transaction_commit", "transaction_abort", "dead_letter", "tool_data", "shutdown_complete",
    ]
}

/// An event together with the process instance that wrote it and the line it came from.
public struct RecordedEvent: Sendable, Hashable, Codable {
    /// The process instance, e.g. `at-least-once-consumer#2`; each process run writes its own file.
    public var instance: String
    /// The event.
    public var event: ServiceEvent
    /// The file and line it was read from.
    public var location: SourceLocation

    /// Creates a recorded event.
    public init(instance: String, event: ServiceEvent, location: SourceLocation) {
        self.instance = instance
        self.event = event
        self.location = location
    }
}

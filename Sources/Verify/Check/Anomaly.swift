public import KafkaSkillModel
import KafkaServiceRuntime
/// Something the checker found wrong (or worth knowing) in a history, with the records that show it.
public struct Anomaly: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The kinds of anomaly, after Jepsen's Kafka checker and Kafka's VerifiableConsumer checks.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// An acknowledged write is not in the log at the end.
        case lostWrite = "lost-write"
        /// An acknowledged write is in the log but no service consumer ever processed it.
        case unseen
        /// An acknowledgement's partition and offset disagree with what the log holds there.
        case inconsistentOffset = "inconsistent-offset"
        /// One value is in the log at more than one offset.
        case duplicate
        /// One value was processed more than once by the services (at-least-once redelivery).
        case redelivery
        /// Two writes of one key from one producer are in the log in the opposite order to their sends.
        case orderViolation = "order-violation"
        /// One key's records are spread over more than one partition, so their order is not kept.
        case keySplit = "key-split"
        /// A consumer read a partition backwards without a rebalance, restart or abort in between.
        case nonmonotonicRead = "nonmonotonic-read"
        /// A record of an aborted transaction, or of a send that definitely failed, was read.
        case abortedRead = "aborted-read"
        /// A consumer committed an offset beyond what it had processed.
        case committedAhead = "committed-ahead"
        /// A consumer group's lag was still above zero after the input stopped.
        case lagNotDrained = "lag-not-drained"

        /// The claim this kind of anomaly refutes; `nil` for anomalies that are acceptable under every claim.
        public var assertion: DeliveryAssertion? {
            switch self {
            case .lostWrite, .unseen, .inconsistentOffset: return .noLostWrites
            case .duplicate: return .noDuplicates
            case .orderViolation, .keySplit, .nonmonotonicRead: return .perKeyOrder
            case .abortedRead: return .noAbortedReads
            case .committedAhead: return .committedNotAhead
            case .lagNotDrained: return .lagDrains
            case .redelivery: return nil
            }
        }
    }

    /// The kind.
    public var kind: Kind
    /// One sentence on what is wrong.
    public var summary: String
    /// The offending records.
    public var records: [AnomalyRecord]

    /// Creates an anomaly.
    public init(kind: Kind, summary: String, records: [AnomalyRecord]) {
        self.kind = kind
        self.summary = summary
        self.records = records
    }

    /// `kind: summary`.
    public var description: String { "\(kind.rawValue): \(summary)" }
}

/// A record that shows an anomaly: a write, a read, a commit or a lag sample, with where it was recorded.
public struct AnomalyRecord: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What this record is: `acked`, `read`, `drained`, `committed`, `lag`, …
    public var role: String
    /// The topic.
    public var topic: String
    /// The partition, when known.
    public var partition: Int32?
    /// The offset, when known.
    public var offset: Int64?
    /// The key, if any.
    public var key: String?
    /// The value, if any.
    public var value: String?
    /// The process instance (or consumer group) involved.
    public var instance: String?
    /// The event line, when it came from an event file.
    public var location: SourceLocation?

    /// Creates an anomaly record.
    public init(
        role: String, topic: String, partition: Int32? = nil, offset: Int64? = nil, key: String? = nil, value: String? = nil,
        instance: String? = nil, location: SourceLocation? = nil
    ) {
        self.role = role
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.instance = instance
        self.location = location
    }

    /// e.g. `acked orders[2]@17 key=key-3 value=42 by producer#1 (events/producer-1.jsonl:57)`.
    public var description: String {
        var text = "\(role) \(topic)"
        if let partition { text += "[\(partition)]" }
        if let offset { text += "@\(offset)" }
        if let key { text += " key=\(key)" }
        if let value { text += " value=\(value)" }
        if let instance { text += " by \(instance)" }
        if let location { text += " (\(location))" }
        return text
    }
}

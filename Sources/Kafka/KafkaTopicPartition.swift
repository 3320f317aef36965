/// A partition of a topic.
public struct KafkaTopicPartition: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The topic's name.
    public var topic: String
    /// The partition number.
    public var partition: Int32

    /// Creates a topic partition.
    public init(topic: String, partition: Int32) {
        self.topic = topic
        self.partition = partition
    }

    /// `topic[partition]`.
    public var description: String { "\(topic)[\(partition)]" }

    /// Orders by topic, then partition.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.topic, lhs.partition) < (rhs.topic, rhs.partition)
    }
}

/// A partition together with an offset in it: a position, a commit, or a seek target.
public struct KafkaTopicPartitionOffset: Sendable, Hashable, CustomStringConvertible {
    /// The topic's name.
    public var topic: String
    /// The partition number.
    public var partition: Int32
    /// The offset; see ``KafkaOffset`` for the special values.
    public var offset: Int64

    /// Creates a partition offset.
    public init(topic: String, partition: Int32, offset: Int64) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
    }

    /// The topic partition without the offset.
    public var topicPartition: KafkaTopicPartition { KafkaTopicPartition(topic: topic, partition: partition) }

    /// `topic[partition]@offset`.
    public var description: String { "\(topic)[\(partition)]@\(KafkaOffset.describe(offset))" }
}

/// librdkafka's special offset values.
public enum KafkaOffset {
    /// The oldest retained message.
    public static let beginning: Int64 = -2
    /// The end of the partition: the next message to be written.
    public static let end: Int64 = -1
    /// The offset last committed by the group.
    public static let stored: Int64 = -1000
    /// No offset: nothing is committed or known.
    public static let invalid: Int64 = -1001

    static func describe(_ offset: Int64) -> String {
        switch offset {
        case beginning: return "BEGINNING"
        case end: return "END"
        case stored: return "STORED"
        case invalid: return "INVALID"
        default: return String(offset)
        }
    }
}

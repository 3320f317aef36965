/// A topic to create.
public struct KafkaNewTopic: Sendable, Hashable {
    /// The topic's name.
    public var name: String
    /// How many partitions.
    public var partitions: Int
    /// Replicas per partition; -1 uses the broker's `default.replication.factor`.
    public var replicationFactor: Int
    /// Topic-level configuration, e.g. `min.insync.replicas`, `cleanup.policy`.
    public var config: [String: String]

    /// Creates a topic description.
    public init(name: String, partitions: Int, replicationFactor: Int = -1, config: [String: String] = [:]) {
        self.name = name
        self.partitions = partitions
        self.replicationFactor = replicationFactor
        self.config = config
    }
}

/// Something that has configuration on the cluster.
public enum KafkaConfigResource: Sendable, Hashable {
    /// A topic, by name.
    case topic(String)
    /// A broker, by id.
    case broker(Int32)
}

/// One configuration entry as the cluster reports it.
public struct KafkaConfigEntry: Sendable, Hashable {
    /// The property name.
    public var name: String
    /// The value; `nil` when unset or sensitive.
    public var value: String?
    /// Whether the value is the default.
    public var isDefault: Bool
    /// Whether it can be changed.
    public var isReadOnly: Bool
    /// Whether the value is a secret the broker does not reveal.
    public var isSensitive: Bool
}

/// A consumer group as listed by the cluster.
public struct KafkaConsumerGroupListing: Sendable, Hashable {
    /// The group id.
    public var groupId: String
    /// Whether the group only commits offsets and never rebalances (manual assignment).
    public var isSimple: Bool
    /// The group's state: `Stable`, `PreparingRebalance`, `Empty`, …
    public var state: String
}

/// A consumer group with its members and their partitions.
public struct KafkaConsumerGroupDescription: Sendable, Hashable {
    /// A member of the group.
    public struct Member: Sendable, Hashable {
        /// The member id the coordinator assigned.
        public var memberId: String
        /// The member's `client.id`.
        public var clientId: String
        /// The member's host.
        public var host: String
        /// The partitions assigned to it.
        public var assignment: [KafkaTopicPartition]
    }

    /// The group id.
    public var groupId: String
    /// The group's state.
    public var state: String
    /// The partition assignor in use.
    public var partitionAssignor: String
    /// The members.
    public var members: [Member]
}

/// What the cluster says about itself: brokers, topics, partitions, leaders, replicas and ISR.
public struct KafkaClusterMetadata: Sendable, Hashable {
    /// A broker.
    public struct Broker: Sendable, Hashable {
        /// The broker id.
        public var id: Int32
        /// Its advertised host.
        public var host: String
        /// Its advertised port.
        public var port: Int32
    }

    /// A partition of a topic.
    public struct Partition: Sendable, Hashable {
        /// The partition number.
        public var id: Int32
        /// The leader's broker id, or -1 when there is none.
        public var leader: Int32
        /// Every replica's broker id.
        public var replicas: [Int32]
        /// The in-sync replicas' broker ids.
        public var isr: [Int32]
        /// The partition's error, if the cluster reported one (e.g. leader not available).
        public var error: KafkaError.Code?

        /// Whether fewer replicas are in sync than exist (an under-replicated partition).
        public var isUnderReplicated: Bool { isr.count < replicas.count }
    }

    /// A topic.
    public struct Topic: Sendable, Hashable {
        /// The topic's name.
        public var name: String
        /// Its partitions, by number.
        public var partitions: [Partition]
        /// The topic's error, if the cluster reported one (e.g. unknown topic).
        public var error: KafkaError.Code?
    }

    /// The cluster id, as the brokers report it.
    public var clusterId: String?
    /// The controller's broker id, or -1 when unknown.
    public var controllerId: Int32
    /// The brokers, by id.
    public var brokers: [Broker]
    /// The topics, by name.
    public var topics: [Topic]
}

import CRdKafka

/// librdkafka configuration as a value: properties by the names Kafka users know (`acks`, `linger.ms`,
/// `enable.idempotence`, …), plus typed conveniences for the common ones.
///
/// Every property is checked by librdkafka when it is set, so a misspelt name or an invalid value fails
/// here, naming the property and librdkafka's reason, not later inside a client.
///
/// ```swift
/// var config = try KafkaConfig(["acks": "all", "linger.ms": "5"])
/// config.bootstrapServers = ["127.0.0.1:9092"]
/// config.enableIdempotence = true
/// ```
public struct KafkaConfig: Sendable, Hashable {
    /// The properties, by librdkafka name.
    public private(set) var properties: [String: String]

    /// Creates a configuration from librdkafka properties.
    /// - Parameter properties: librdkafka property names and values.
    /// - Throws: ``KafkaError`` with code `_INVALID_ARG` naming the first unknown or invalid property.
    public init(_ properties: [String: String] = [:]) throws {
        self.properties = [:]
        for (key, value) in properties.sorted(by: { $0.key < $1.key }) {
            try set(key, value)
        }
    }

    /// Sets a librdkafka property after librdkafka has accepted it.
    /// - Parameters:
    ///   - property: The property name, e.g. `linger.ms`.
    ///   - value: Its value as librdkafka expects it, e.g. `5`.
    /// - Throws: ``KafkaError`` naming the property and librdkafka's reason when it is unknown or invalid.
    public mutating func set(_ property: String, _ value: String) throws {
        try Self.validate(property: property, value: value)
        properties[property] = value
    }

    /// Removes a property, so librdkafka's default applies.
    /// - Parameter property: The property name.
    public mutating func remove(_ property: String) {
        properties[property] = nil
    }

    /// The value of a property, or `nil` when it is not set (librdkafka's default applies).
    public subscript(property: String) -> String? { properties[property] }

    /// Returns a copy with the given properties set on top of these.
    /// - Parameter overrides: Properties to set.
    /// - Throws: ``KafkaError`` when one of them is unknown or invalid.
    public func merging(_ overrides: [String: String]) throws -> KafkaConfig {
        var copy = self
        for (key, value) in overrides.sorted(by: { $0.key < $1.key }) { try copy.set(key, value) }
        return copy
    }

    /// Checks one property against librdkafka's own configuration parser.
    static func validate(property: String, value: String) throws {
        guard let conf = rd_kafka_conf_new() else {
            throw KafkaError(code: .fatal, message: "librdkafka could not allocate a configuration object")
        }
        defer { rd_kafka_conf_destroy(conf) }
        var reason = [CChar](repeating: 0, count: 512)
        let result = rd_kafka_conf_set(conf, property, value, &reason, reason.count)
        if result != RD_KAFKA_CONF_OK {
            let text = String(cChars: reason)
            throw KafkaError.invalidConfiguration(property: property, value: value, reason: text)
        }
    }

    // Typed setters only produce values librdkafka accepts, so they store without re-validating.
    private mutating func store(_ property: String, _ value: String?) {
        properties[property] = value
    }
}

// MARK: - Typed conveniences

extension KafkaConfig {
    /// The brokers to bootstrap from (`bootstrap.servers`). Default: none.
    public var bootstrapServers: [String] {
        get { properties["bootstrap.servers"]?.split(separator: ",").map { String($0) } ?? [] }
        set { store("bootstrap.servers", newValue.isEmpty ? nil : newValue.joined(separator: ",")) }
    }

    /// The client id reported to brokers (`client.id`). Default: `rdkafka`.
    public var clientId: String? {
        get { properties["client.id"] }
        set { store("client.id", newValue) }
    }

    /// How many replicas must acknowledge a write (`acks`). Default: `all`.
    public var acks: Acks? {
        get { properties["acks"].flatMap(Acks.init(rawValue:)) }
        set { store("acks", newValue?.rawValue) }
    }

    /// Whether the producer is idempotent (`enable.idempotence`). Default in librdkafka 2.0.2: `false`.
    public var enableIdempotence: Bool? {
        get { properties["enable.idempotence"].map { $0 == "true" } }
        set { store("enable.idempotence", newValue.map { $0 ? "true" : "false" }) }
    }

    /// How long the producer waits to fill a batch, in milliseconds (`linger.ms`). Default: 5.
    public var lingerMs: Int? {
        get { properties["linger.ms"].flatMap { Int($0) } }
        set { store("linger.ms", newValue.map(String.init)) }
    }

    /// How long a message may wait for delivery, retries included (`message.timeout.ms`). Default: 300000.
    public var messageTimeoutMs: Int? {
        get { properties["message.timeout.ms"].flatMap { Int($0) } }
        set { store("message.timeout.ms", newValue.map(String.init)) }
    }

    /// The transactional id; setting it makes the producer transactional (`transactional.id`). Default: none.
    public var transactionalId: String? {
        get { properties["transactional.id"] }
        set { store("transactional.id", newValue) }
    }

    /// The consumer group (`group.id`). Default: none.
    public var groupId: String? {
        get { properties["group.id"] }
        set { store("group.id", newValue) }
    }

    /// A static member id that survives restarts without a rebalance (`group.instance.id`). Default: none.
    public var groupInstanceId: String? {
        get { properties["group.instance.id"] }
        set { store("group.instance.id", newValue) }
    }

    /// Whether the consumer commits offsets in the background (`enable.auto.commit`). Default: `true`.
    public var enableAutoCommit: Bool? {
        get { properties["enable.auto.commit"].map { $0 == "true" } }
        set { store("enable.auto.commit", newValue.map { $0 ? "true" : "false" }) }
    }

    /// Whether consumed messages' offsets are stored for commit automatically (`enable.auto.offset.store`).
    /// Default: `true`.
    public var enableAutoOffsetStore: Bool? {
        get { properties["enable.auto.offset.store"].map { $0 == "true" } }
        set { store("enable.auto.offset.store", newValue.map { $0 ? "true" : "false" }) }
    }

    /// Where to start when the group has no committed offset (`auto.offset.reset`). Default: `latest`.
    public var autoOffsetReset: AutoOffsetReset? {
        get { properties["auto.offset.reset"].flatMap(AutoOffsetReset.init(rawValue:)) }
        set { store("auto.offset.reset", newValue?.rawValue) }
    }

    /// Which records a consumer reads (`isolation.level`). Default: `read_committed`.
    public var isolationLevel: IsolationLevel? {
        get { properties["isolation.level"].flatMap(IsolationLevel.init(rawValue:)) }
        set { store("isolation.level", newValue?.rawValue) }
    }

    /// How partitions are spread over the group (`partition.assignment.strategy`).
    /// Default: `range,roundrobin` (eager).
    public var partitionAssignmentStrategy: AssignmentStrategy? {
        get { properties["partition.assignment.strategy"].map(AssignmentStrategy.init(rawValue:)) }
        set { store("partition.assignment.strategy", newValue?.rawValue) }
    }

    /// How long the group waits for a silent member before rebalancing (`session.timeout.ms`). Default: 45000.
    public var sessionTimeoutMs: Int? {
        get { properties["session.timeout.ms"].flatMap { Int($0) } }
        set { store("session.timeout.ms", newValue.map(String.init)) }
    }

    /// Values of `acks`.
    public enum Acks: String, Sendable, Hashable, CaseIterable {
        /// The leader does not answer: fastest, messages can be lost.
        case none = "0"
        /// The leader alone acknowledges.
        case leader = "1"
        /// All in-sync replicas acknowledge.
        case all = "all"
    }

    /// Values of `auto.offset.reset`.
    public enum AutoOffsetReset: String, Sendable, Hashable, CaseIterable {
        /// Start from the oldest retained message.
        case earliest
        /// Start from the end: only new messages.
        case latest
        /// Fail with an error.
        case error
    }

    /// Values of `isolation.level`.
    public enum IsolationLevel: String, Sendable, Hashable, CaseIterable {
        /// Read only committed transactional records.
        case readCommitted = "read_committed"
        /// Read every record, including those of open or aborted transactions.
        case readUncommitted = "read_uncommitted"
    }

    /// A value of `partition.assignment.strategy`.
    public struct AssignmentStrategy: RawRepresentable, Sendable, Hashable {
        /// The librdkafka value.
        public var rawValue: String
        /// Creates a strategy from librdkafka's value.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// Eager range assignment: every rebalance revokes every partition.
        public static let range = AssignmentStrategy(rawValue: "range")
        /// Eager round-robin assignment.
        public static let roundRobin = AssignmentStrategy(rawValue: "roundrobin")
        /// Incremental cooperative rebalancing: only moved partitions are revoked.
        public static let cooperativeSticky = AssignmentStrategy(rawValue: "cooperative-sticky")
    }
}

import CRdKafka
public import Kafka
public import Logging
import Synchronization

/// A Kafka cluster inside this process: librdkafka's mock brokers, listening on loopback TCP, so any
/// client (this package, kcat, confluent-kafka-python) reaches it with the real protocol.
///
/// It exists to test and learn without a JVM: create topics, then inject faults — brokers down and up,
/// leader moves, errors for a kind of request, slow brokers.
///
/// What it does not do that a real Kafka 4 cluster does: no admin API (``KafkaAdmin`` calls fail with
/// `_UNSUPPORTED_FEATURE`),
/// no transaction markers (`read_committed` readers see aborted records; offsets sent in a transaction are
/// not stored), about 5 MiB or 100,000 batches per partition before older data is silently dropped, a first
/// group join that waits about 3 s, and PLAINTEXT only.
public final class EmbeddedCluster: Sendable {
    /// The brokers' addresses, comma-separated, for `bootstrap.servers`.
    public let bootstrapServers: String
    /// How many brokers the cluster has; their ids are 1 through this number.
    public let brokerCount: Int
    /// The version of the librdkafka whose mock brokers these are, e.g. `2.0.2`.
    public static var librdkafkaVersion: String { String(cString: rd_kafka_version_str()) }
    private let owner: RDKafkaHandle
    private let cluster: MockClusterPointer
    private let state = Mutex(State())

    private struct State {
        var topics: [String: Int] = [:]
        var downBrokers: Set<Int32> = []
        var isShutDown = false
    }

    /// The most brokers a cluster may have: each is a listening socket served by one thread.
    public static let brokerLimit = 32
    /// The most partitions a topic may have here: the mock keeps every partition's log in memory.
    public static let partitionLimit = 1_000
    /// The longest round-trip time a broker may be given, in milliseconds (ten minutes).
    public static let roundTripLimitMs = 600_000

    /// Starts a cluster.
    /// - Parameters:
    ///   - brokers: How many brokers, 1 to ``brokerLimit``.
    ///   - logger: Receives the mock brokers' logs.
    /// - Throws: ``KafkaError`` when librdkafka cannot start it.
    public init(brokers: Int = 3, logger: Logger = Logger(label: "kafka.embedded-cluster")) throws {
        guard (1...Self.brokerLimit).contains(brokers) else {
            throw KafkaError(
                code: .invalidArgument, message: "an embedded cluster has 1 to \(Self.brokerLimit) brokers, got \(brokers)",
                subject: "brokers")
        }
        // The mock cluster lives inside a client handle; a producer with no brokers of its own hosts it.
        let config = try KafkaConfig(["log_level": "4"])
        owner = try RDKafkaHandle(kind: .producer, config: config, events: 0, context: RDKafkaContext(logger: logger))
        guard let pointer = rd_kafka_mock_cluster_new(owner.pointer, Int32(brokers)) else {
            owner.destroy()
            throw KafkaError(code: .fail, message: "librdkafka could not start a mock cluster of \(brokers) brokers")
        }
        cluster = MockClusterPointer(pointer: pointer)
        bootstrapServers = String(cString: rd_kafka_mock_cluster_bootstraps(pointer))
        brokerCount = brokers
    }

    deinit { shutdown() }

    /// The topics created through this object, with their partition counts.
    public var topics: [String: Int] { state.withLock { $0.topics } }

    /// The ids of brokers currently set down.
    public var downBrokers: Set<Int32> { state.withLock { $0.downBrokers } }

    /// Creates a topic.
    /// - Parameters:
    ///   - name: The topic's name.
    ///   - partitions: How many partitions, 1 to ``partitionLimit``.
    ///   - replicationFactor: Replicas per partition; at most the broker count (default: that, up to 3).
    public func createTopic(_ name: String, partitions: Int = 4, replicationFactor: Int? = nil) throws {
        let replicas = replicationFactor ?? min(3, brokerCount)
        try KafkaTopicName.validate(name)
        guard (1...Self.partitionLimit).contains(partitions), (1...brokerCount).contains(replicas) else {
            throw KafkaError(
                code: .invalidArgument,
                message: "topic '\(name)': partitions must be 1 to \(Self.partitionLimit) and the replication factor 1 to "
                    + "\(brokerCount) (the broker count); got \(partitions) partitions, replication factor \(replicas)",
                subject: name)
        }
        try check(rd_kafka_mock_topic_create(cluster.pointer, name, Int32(partitions), Int32(replicas)), "create topic '\(name)'")
        state.withLock { $0.topics[name] = partitions }
    }

    /// Takes a broker down: its connections close and it refuses new ones (leadership does not move).
    public func setBrokerDown(_ broker: Int32) throws {
        try checkBroker(broker)
        try check(rd_kafka_mock_broker_set_down(cluster.pointer, broker), "take broker \(broker) down")
        _ = state.withLock { $0.downBrokers.insert(broker) }
    }

    /// Brings a broker back up.
    public func setBrokerUp(_ broker: Int32) throws {
        try checkBroker(broker)
        try check(rd_kafka_mock_broker_set_up(cluster.pointer, broker), "bring broker \(broker) up")
        _ = state.withLock { $0.downBrokers.remove(broker) }
    }

    /// Moves a partition's leadership to another broker.
    /// - Throws: ``KafkaError`` `_UNKNOWN_PARTITION` when the topic was not created through this object or has
    ///   no such partition.
    public func setLeader(topic: String, partition: Int32, broker: Int32) throws {
        try checkBroker(broker)
        guard let partitions = topics[topic] else {
            throw KafkaError(
                code: .unknownTopic,
                message: "no topic '\(topic)' in the embedded cluster; its topics: \(topics.keys.sorted().joined(separator: ", "))",
                subject: topic)
        }
        guard partition >= 0, partition < partitions else {
            throw KafkaError(
                code: .unknownPartition, message: "topic '\(topic)' has partitions 0 to \(partitions - 1), not \(partition)",
                subject: topic)
        }
        try check(
            rd_kafka_mock_partition_set_leader(cluster.pointer, topic, partition, broker),
            "move the leader of \(topic)[\(partition)] to broker \(broker)")
    }

    /// Makes the next requests of one kind fail, one error per request, on whichever broker gets them.
    /// `_TRANSPORT` closes the connection instead of answering.
    public func pushRequestErrors(_ api: KafkaAPIKey, _ errors: [KafkaError.Code]) {
        var codes = errors.map { rd_kafka_resp_err_t($0.rawValue) }
        rd_kafka_mock_push_request_errors_array(cluster.pointer, api.rawValue, codes.count, &codes)
    }

    /// Makes the next requests of one kind to one broker fail with `error`, each answered after `roundTripMs`.
    public func pushBrokerRequestErrors(broker: Int32, _ api: KafkaAPIKey, _ errors: [KafkaError.Code], roundTripMs: Int = 0) throws {
        try checkBroker(broker)
        try checkRoundTrip(roundTripMs)
        for error in errors {
            try check(
                crdkafka_mock_broker_push_request_error_rtt(
                    cluster.pointer, broker, api.rawValue, rd_kafka_resp_err_t(error.rawValue), Int32(roundTripMs)),
                "push a \(api) error to broker \(broker)")
        }
    }

    /// Makes Metadata answers report `error` for a topic (e.g. `UNKNOWN_TOPIC_OR_PART`, as if it did not
    /// exist); `.noError` clears it. The embedded cluster otherwise creates any topic a client asks about.
    public func setTopicError(_ topic: String, _ error: KafkaError.Code) {
        rd_kafka_mock_topic_set_error(cluster.pointer, topic, rd_kafka_resp_err_t(error.rawValue))
    }

    /// Forgets pushed errors that have not fired yet for one kind of request.
    public func clearRequestErrors(_ api: KafkaAPIKey) {
        rd_kafka_mock_clear_request_errors(cluster.pointer, api.rawValue)
    }

    /// Delays every answer of a broker by `milliseconds`.
    public func setRoundTripTime(broker: Int32, milliseconds: Int) throws {
        try checkBroker(broker)
        try checkRoundTrip(milliseconds)
        try check(rd_kafka_mock_broker_set_rtt(cluster.pointer, broker, Int32(milliseconds)), "set broker \(broker)'s round-trip time")
    }

    /// Moves the group or transaction coordinator for `key` to a broker.
    /// - Parameters:
    ///   - kind: `"group"` or `"transaction"`.
    ///   - key: The group id or transactional id.
    ///   - broker: The new coordinator.
    public func setCoordinator(kind: String, key: String, broker: Int32) throws {
        try checkBroker(broker)
        try check(rd_kafka_mock_coordinator_set(cluster.pointer, kind, key, broker), "move the \(kind) coordinator of '\(key)'")
    }

    /// Stops every broker and releases the cluster. Clients still connected see their brokers vanish.
    public func shutdown() {
        let proceed = state.withLock { state -> Bool in
            defer { state.isShutDown = true }
            return !state.isShutDown
        }
        guard proceed else { return }
        rd_kafka_mock_cluster_destroy(cluster.pointer)
        owner.destroy()
    }

    private func checkBroker(_ broker: Int32) throws {
        guard broker >= 1, broker <= Int32(brokerCount) else {
            throw KafkaError(
                code: .invalidArgument, message: "no broker \(broker): the embedded cluster has brokers 1 to \(brokerCount)",
                subject: "broker")
        }
    }

    private func checkRoundTrip(_ milliseconds: Int) throws {
        guard (0...Self.roundTripLimitMs).contains(milliseconds) else {
            throw KafkaError(
                code: .invalidArgument,
                message: "a round-trip time is 0 to \(Self.roundTripLimitMs) ms, got \(milliseconds)", subject: "rtt")
        }
    }

    private func check(_ code: rd_kafka_resp_err_t, _ what: String) throws {
        if code != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw KafkaError(code: .init(rawValue: code.rawValue), context: "could not \(what)")
        }
    }
}

/// `@unchecked Sendable`: the mock cluster's API is thread-safe (it posts operations to the cluster thread).
struct MockClusterPointer: @unchecked Sendable {
    let pointer: OpaquePointer
}

extension KafkaClusterMetadata {
    /// Whether these brokers are an ``EmbeddedCluster`` (librdkafka's mock, whose cluster id starts with
    /// `mockCluster`), which has no admin API and keeps about 5 MiB per partition.
    public var isEmbeddedCluster: Bool { clusterId?.hasPrefix("mockCluster") ?? false }
}

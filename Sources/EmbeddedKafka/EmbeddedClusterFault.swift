import Kafka

/// A fault or change to apply to an ``EmbeddedCluster``, as a value that can be scheduled, recorded, and
/// sent to a cluster running in another process (`kafka-skill cluster fault …`).
public enum EmbeddedClusterFault: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Take a broker down.
    case brokerDown(broker: Int32)
    /// Bring a broker back up.
    case brokerUp(broker: Int32)
    /// Move a partition's leader.
    case moveLeader(topic: String, partition: Int32, broker: Int32)
    /// Fail the next requests of one kind, one error each; on one broker (with a delay) or on any.
    case requestErrors(api: String, errors: [String], broker: Int32?, roundTripMs: Int)
    /// Delay every answer of a broker.
    case roundTripTime(broker: Int32, milliseconds: Int)
    /// Forget pushed errors for one kind of request.
    case clearRequestErrors(api: String)
    /// Create a topic.
    case createTopic(name: String, partitions: Int, replicationFactor: Int?)
    /// Make Metadata answers report an error for a topic (`NO_ERROR` clears it).
    case topicError(topic: String, error: String)

    /// Applies the fault.
    /// - Throws: ``KafkaError`` for an unknown broker, API name or error name.
    public func apply(to cluster: EmbeddedCluster) throws {
        switch self {
        case .brokerDown(let broker):
            try cluster.setBrokerDown(broker)
        case .brokerUp(let broker):
            try cluster.setBrokerUp(broker)
        case .moveLeader(let topic, let partition, let broker):
            try KafkaTopicName.validate(topic)
            try cluster.setLeader(topic: topic, partition: partition, broker: broker)
        case .requestErrors(let api, let errors, let broker, let roundTripMs):
            let key = try Self.apiKey(api)
            let codes = try errors.map(Self.errorCode)
            if let broker {
                try cluster.pushBrokerRequestErrors(broker: broker, key, codes, roundTripMs: roundTripMs)
            } else {
                cluster.pushRequestErrors(key, codes)
            }
        case .roundTripTime(let broker, let milliseconds):
            try cluster.setRoundTripTime(broker: broker, milliseconds: milliseconds)
        case .clearRequestErrors(let api):
            cluster.clearRequestErrors(try Self.apiKey(api))
        case .createTopic(let name, let partitions, let replicationFactor):
            try cluster.createTopic(name, partitions: partitions, replicationFactor: replicationFactor)
        case .topicError(let topic, let error):
            try KafkaTopicName.validate(topic)
            cluster.setTopicError(topic, try Self.errorCode(error))
        }
    }

    /// A one-line account of the fault, e.g. `broker 2 down`.
    public var description: String {
        switch self {
        case .brokerDown(let broker): return "broker \(broker) down"
        case .brokerUp(let broker): return "broker \(broker) up"
        case .moveLeader(let topic, let partition, let broker): return "leader of \(topic)[\(partition)] moved to broker \(broker)"
        case .requestErrors(let api, let errors, let broker, let roundTripMs):
            let target = broker.map { " on broker \($0)" } ?? ""
            let delay = roundTripMs > 0 ? " after \(roundTripMs) ms" : ""
            return "\(api) requests\(target) fail with \(errors.joined(separator: ", "))\(delay)"
        case .roundTripTime(let broker, let milliseconds): return "broker \(broker) answers after \(milliseconds) ms"
        case .clearRequestErrors(let api): return "pending \(api) errors cleared"
        case .createTopic(let name, let partitions, _): return "topic \(name) created with \(partitions) partitions"
        case .topicError(let topic, let error): return "metadata for \(topic) reports \(error)"
        }
    }

    static func apiKey(_ name: String) throws -> KafkaAPIKey {
        guard let key = KafkaAPIKey(name: name) else {
            throw KafkaError(
                code: .invalidArgument,
                message: "unknown request type '\(name)'; use one of: \(KafkaAPIKey.named.map(\.name).joined(separator: ", "))",
                subject: name)
        }
        return key
    }

    static func errorCode(_ name: String) throws -> KafkaError.Code {
        guard let code = KafkaError.Code(name: name) else {
            throw KafkaError(
                code: .invalidArgument,
                message: "unknown error name '\(name)'; use librdkafka's names, e.g. NOT_LEADER_FOR_PARTITION, "
                    + "REQUEST_TIMED_OUT, NOT_ENOUGH_REPLICAS, _TRANSPORT",
                subject: name)
        }
        return code
    }
}

import CRdKafka

extension KafkaError {
    /// A librdkafka error code (`rd_kafka_resp_err_t`): negative values are local to the client,
    /// positive values come from the broker.
    ///
    /// Model new codes with ``init(rawValue:)``; the common ones have named constants so callers can
    /// match on them without importing librdkafka.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The numeric `rd_kafka_resp_err_t` value.
        public var rawValue: Int32

        /// Creates a code from its numeric value.
        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// Finds a code by librdkafka's name, e.g. `NOT_LEADER_FOR_PARTITION` or `_TRANSPORT`
        /// (case-insensitive, with or without the `RD_KAFKA_RESP_ERR_` prefix).
        public init?(name: String) {
            var wanted = name.uppercased()
            if wanted.hasPrefix("RD_KAFKA_RESP_ERR_") { wanted.removeFirst("RD_KAFKA_RESP_ERR_".count) }
            var descs: UnsafePointer<rd_kafka_err_desc>?
            var count = 0
            rd_kafka_get_err_descs(&descs, &count)
            guard let descs else { return nil }
            for index in 0..<count {
                let desc = descs[index]
                if let cName = desc.name, String(cString: cName) == wanted {
                    self.init(rawValue: desc.code.rawValue)
                    return
                }
            }
            return nil
        }

        /// librdkafka's symbolic name of the code.
        public var name: String { String(cString: rd_kafka_err2name(rd_kafka_resp_err_t(rawValue))) }

        /// librdkafka's one-line description of the code.
        public var librdkafkaDescription: String { String(cString: rd_kafka_err2str(rd_kafka_resp_err_t(rawValue))) }

        /// The code's name.
        public var description: String { name }

        /// No error.
        public static let noError = Code(rawValue: 0)
        /// Local: a generic failure.
        public static let fail = Code(rawValue: -196)
        /// Local: the client is being destroyed.
        public static let destroy = Code(rawValue: -197)
        /// Local: the broker transport failed (a dropped connection).
        public static let transport = Code(rawValue: -195)
        /// Local: all brokers are down.
        public static let allBrokersDown = Code(rawValue: -187)
        /// Local: a message could not be delivered within `message.timeout.ms`.
        public static let messageTimedOut = Code(rawValue: -192)
        /// Local: a partition reached its end (only with `enable.partition.eof`).
        public static let partitionEOF = Code(rawValue: -191)
        /// Local: an unknown partition.
        public static let unknownPartition = Code(rawValue: -190)
        /// Local: an invalid argument or configuration.
        public static let invalidArgument = Code(rawValue: -186)
        /// Local: an operation timed out.
        public static let timedOut = Code(rawValue: -185)
        /// Local: the producer's queue is full.
        public static let queueFull = Code(rawValue: -184)
        /// Local: an unknown topic.
        public static let unknownTopic = Code(rawValue: -188)
        /// Local: a message was purged from the queue before delivery.
        public static let purgeQueue = Code(rawValue: -152)
        /// Local: a message was purged while in flight.
        public static let purgeInFlight = Code(rawValue: -151)
        /// Local: the feature is not supported by the broker.
        public static let unsupportedFeature = Code(rawValue: -165)
        /// Local: the instance is in a state that does not allow the operation.
        public static let state = Code(rawValue: -172)
        /// Local: a fatal error occurred.
        public static let fatal = Code(rawValue: -150)
        /// Local: the producer was fenced by a newer instance with the same `transactional.id`.
        public static let fenced = Code(rawValue: -144)
        /// Local: there is no offset to commit.
        public static let noOffset = Code(rawValue: -168)
        /// Broker: the topic or partition does not exist.
        public static let unknownTopicOrPartition = Code(rawValue: 3)
        /// Broker: the broker is not the leader for the partition.
        public static let notLeaderForPartition = Code(rawValue: 6)
        /// Broker: the request timed out.
        public static let requestTimedOut = Code(rawValue: 7)
        /// Broker: the group coordinator is not available.
        public static let coordinatorNotAvailable = Code(rawValue: 15)
        /// Broker: not the coordinator for the group or transaction.
        public static let notCoordinator = Code(rawValue: 16)
        /// Broker: fewer in-sync replicas than `min.insync.replicas`.
        public static let notEnoughReplicas = Code(rawValue: 19)
        /// Broker: the group is rebalancing.
        public static let rebalanceInProgress = Code(rawValue: 27)
        /// Broker: the producer's epoch is out of date (another instance took over).
        public static let invalidProducerEpoch = Code(rawValue: 47)
        /// Broker: the producer id is unknown to the broker.
        public static let unknownProducerId = Code(rawValue: 59)
        /// Broker: another transaction is in progress for the same id.
        public static let concurrentTransactions = Code(rawValue: 51)
        /// Broker: the topic's authorization failed.
        public static let topicAuthorizationFailed = Code(rawValue: 29)
        /// Broker: the producer was fenced (KIP-588).
        public static let producerFenced = Code(rawValue: 90)
        /// Broker: an out-of-order sequence number.
        public static let outOfOrderSequenceNumber = Code(rawValue: 45)

        /// Whether a bare code (without an `rd_kafka_error_t`) is one that a retry may fix.
        var isRetriableByDefault: Bool {
            switch self {
            case .transport, .allBrokersDown, .timedOut, .queueFull, .requestTimedOut, .notLeaderForPartition,
                .coordinatorNotAvailable, .notCoordinator, .notEnoughReplicas, .rebalanceInProgress:
                return true
            default:
                return false
            }
        }

        /// A sentence telling the user what to do, appended to messages for the codes people meet first.
        var advice: String {
            switch self {
            case .allBrokersDown, .transport:
                return " — check that the brokers in bootstrap.servers are running and reachable."
            case .messageTimedOut:
                return " — the message was not acknowledged within message.timeout.ms; check that the brokers are reachable "
                    + "and the topic exists."
            case .unknownTopicOrPartition, .unknownTopic:
                return " — create the topic first, or let the broker create it (auto.create.topics.enable on the broker, allow.auto.create.topics on a consumer)."
            case .fenced, .producerFenced, .invalidProducerEpoch:
                return " — another instance with the same transactional.id took over; stop this producer."
            default:
                return ""
            }
        }
    }
}

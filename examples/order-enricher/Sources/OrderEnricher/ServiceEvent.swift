import Kafka

/// One line of the service's event log: what `kafka-skill verify` reads to check the delivery guarantee.
///
/// The names and fields follow Kafka's VerifiableProducer and VerifiableConsumer, so their checkers apply.
enum ServiceEvent: Sendable {
    /// The service is connected and about to start its work; `outputTopics` are the topics it writes, the
    /// dead-letter topic included.
    case startupComplete(role: String, topics: [String], outputTopics: [String], group: String?)
    /// A message was handed to the producer.
    case producerSend(topic: String, key: String?, value: String)
    /// The brokers acknowledged a message.
    case producerSendSuccess(topic: String, key: String?, value: String, partition: Int32, offset: Int64)
    /// A message failed; `indefinite` when it may still have been written (timed out in flight).
    case producerSendError(topic: String, key: String?, value: String, code: String, message: String, indefinite: Bool)
    /// The group gave this member partitions.
    case partitionsAssigned([KafkaTopicPartition])
    /// The group is taking partitions away in an orderly rebalance.
    case partitionsRevoked([KafkaTopicPartition])
    /// The partitions were lost without a chance to commit (the member was expelled).
    case partitionsLost([KafkaTopicPartition])
    /// A record was processed.
    case recordData(topic: String, partition: Int32, offset: Int64, key: String?, value: String)
    /// A transaction started; transactions are numbered from 1.
    case transactionBegin(Int)
    /// A transaction's commit finished.
    case transactionCommit(Int, success: Bool)
    /// A transaction was aborted; its output is discarded and its input is read again.
    case transactionAbort(Int, reason: String?)
    /// A record that could not be processed went to the dead-letter topic.
    case deadLetter(
        topic: String, key: String?, value: String, sourceTopic: String, sourcePartition: Int32, sourceOffset: Int64,
        error: String)
    /// Periodic progress counts.
    case toolData(sent: Int, acked: Int, consumed: Int)
    /// The service has stopped cleanly.
    case shutdownComplete

    var name: String {
        switch self {
        case .startupComplete: "startup_complete"
        case .producerSend: "producer_send"
        case .producerSendSuccess: "producer_send_success"
        case .producerSendError: "producer_send_error"
        case .partitionsAssigned: "partitions_assigned"
        case .partitionsRevoked: "partitions_revoked"
        case .partitionsLost: "partitions_lost"
        case .recordData: "record_data"
        case .transactionBegin: "transaction_begin"
        case .transactionCommit: "transaction_commit"
        case .transactionAbort: "transaction_abort"
        case .deadLetter: "dead_letter"
        case .toolData: "tool_data"
        case .shutdownComplete: "shutdown_complete"
        }
    }
}

/// A ``ServiceEvent`` with the fields every line carries.
struct ServiceEventLine: Encodable {
    var event: ServiceEvent
    var service: String
    var timestampMs: Int64

    private enum CodingKeys: String, CodingKey {
        case name, timestamp, service, role, topics, outputTopics, group, sent, acked, consumed
        case topic, key, value, partition, offset, code, message, indefinite
        case partitions
        case transaction, success, reason
        case sourceTopic, sourcePartition, sourceOffset, error
    }

    private struct Partition: Encodable {
        var topic: String
        var partition: Int32
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(event.name, forKey: .name)
        try container.encode(timestampMs, forKey: .timestamp)
        try container.encode(service, forKey: .service)
        switch event {
        case .startupComplete(let role, let topics, let outputTopics, let group):
            try container.encode(role, forKey: .role)
            try container.encode(topics, forKey: .topics)
            try container.encode(outputTopics, forKey: .outputTopics)
            try container.encode(group, forKey: .group)
        case .producerSend(let topic, let key, let value):
            try container.encode(topic, forKey: .topic)
            try container.encode(key, forKey: .key)
            try container.encode(value, forKey: .value)
        case .producerSendSuccess(let topic, let key, let value, let partition, let offset):
            try container.encode(topic, forKey: .topic)
            try container.encode(key, forKey: .key)
            try container.encode(value, forKey: .value)
            try container.encode(partition, forKey: .partition)
            try container.encode(offset, forKey: .offset)
        case .producerSendError(let topic, let key, let value, let code, let message, let indefinite):
            try container.encode(topic, forKey: .topic)
            try container.encode(key, forKey: .key)
            try container.encode(value, forKey: .value)
            try container.encode(code, forKey: .code)
            try container.encode(message, forKey: .message)
            try container.encode(indefinite, forKey: .indefinite)
        case .partitionsAssigned(let partitions), .partitionsRevoked(let partitions), .partitionsLost(let partitions):
            try container.encode(partitions.map { Partition(topic: $0.topic, partition: $0.partition) }, forKey: .partitions)
        case .recordData(let topic, let partition, let offset, let key, let value):
            try container.encode(topic, forKey: .topic)
            try container.encode(partition, forKey: .partition)
            try container.encode(offset, forKey: .offset)
            try container.encode(key, forKey: .key)
            try container.encode(value, forKey: .value)
        case .transactionBegin(let number):
            try container.encode(number, forKey: .transaction)
        case .transactionCommit(let number, let success):
            try container.encode(number, forKey: .transaction)
            try container.encode(success, forKey: .success)
        case .transactionAbort(let number, let reason):
            try container.encode(number, forKey: .transaction)
            try container.encode(reason, forKey: .reason)
        case .deadLetter(let topic, let key, let value, let sourceTopic, let sourcePartition, let sourceOffset, let error):
            try container.encode(topic, forKey: .topic)
            try container.encode(key, forKey: .key)
            try container.encode(value, forKey: .value)
            try container.encode(sourceTopic, forKey: .sourceTopic)
            try container.encode(sourcePartition, forKey: .sourcePartition)
            try container.encode(sourceOffset, forKey: .sourceOffset)
            try container.encode(error, forKey: .error)
        case .toolData(let sent, let acked, let consumed):
            try container.encode(sent, forKey: .sent)
            try container.encode(acked, forKey: .acked)
            try container.encode(consumed, forKey: .consumed)
        case .shutdownComplete:
            break
        }
    }
}

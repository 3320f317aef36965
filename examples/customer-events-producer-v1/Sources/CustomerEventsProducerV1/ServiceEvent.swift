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
        case .toolData(let sent, let acked, let consumed):
            try container.encode(sent, forKey: .sent)
            try container.encode(acked, forKey: .acked)
            try container.encode(consumed, forKey: .consumed)
        case .shutdownComplete:
            break
        }
    }
}

extension ServiceEvent {
    /// The event as one JSON object (without the newline): `name`, `timestamp` and `service` first, then
    /// the fields of its kind.
    public var jsonLine: String {
        var fields: [(String, String)] = [
            ("name", Self.quote(name)), ("timestamp", String(timestamp)), ("service", Self.quote(service)),
        ]
        func text(_ key: String, _ value: String?) { fields.append((key, value.map(Self.quote) ?? "null")) }
        func number(_ key: String, _ value: some BinaryInteger) { fields.append((key, String(value))) }
        func flag(_ key: String, _ value: Bool) { fields.append((key, value ? "true" : "false")) }
        func list(_ key: String, _ items: [String]) { fields.append((key, "[" + items.joined(separator: ",") + "]")) }
        switch kind {
        case .startupComplete(let role, let topics, let outputTopics, let group):
            text("role", role?.rawValue)
            list("topics", topics.map(Self.quote))
            list("outputTopics", outputTopics.map(Self.quote))
            text("group", group)
        case .producerSend(let topic, let key, let value):
            text("topic", topic)
            text("key", key)
            text("value", value)
        case .producerSendSuccess(let topic, let key, let value, let partition, let offset):
            text("topic", topic)
            text("key", key)
            text("value", value)
            number("partition", partition)
            number("offset", offset)
        case .producerSendError(let topic, let key, let value, let code, let message, let indefinite):
            text("topic", topic)
            text("key", key)
            text("value", value)
            text("code", code)
            text("message", message)
            flag("indefinite", indefinite)
        case .partitionsAssigned(let partitions), .partitionsRevoked(let partitions), .partitionsLost(let partitions):
            list("partitions", partitions.map { "{\"topic\":\(Self.quote($0.topic)),\"partition\":\($0.partition)}" })
        case .recordData(let topic, let partition, let offset, let key, let value):
            text("topic", topic)
            number("partition", partition)
            number("offset", offset)
            text("key", key)
            text("value", value)
        case .offsetsCommitted(let offsets, let success, let error):
            list("offsets", offsets.map {
                "{\"topic\":\(Self.quote($0.topic)),\"partition\":\($0.partition),\"offset\":\($0.offset)}"
            })
            flag("success", success)
            if let error { text("error", error) }
        case .transactionBegin(let transaction):
            number("transaction", transaction)
        case .transactionCommit(let transaction, let success):
            number("transaction", transaction)
            flag("success", success)
        case .transactionAbort(let transaction, let reason):
            number("transaction", transaction)
            text("reason", reason)
        case .deadLetter(let topic, let key, let value, let sourceTopic, let sourcePartition, let sourceOffset, let error):
            text("topic", topic)
            text("key", key)
            text("value", value)
            text("sourceTopic", sourceTopic)
            number("sourcePartition", sourcePartition)
            number("sourceOffset", sourceOffset)
            text("error", error)
        case .toolData(let sent, let acked, let consumed):
            number("sent", sent)
            number("acked", acked)
            number("consumed", consumed)
        case .shutdownComplete:
            break
        }
        return "{" + fields.map { "\(Self.quote($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }

    /// A JSON string literal.
    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

import Yams

extension ServiceSpec {
    /// The spec as a YAML mapping in the spec format, every default spelled out where the spec has one: what
    /// the answers file records, and what ``ServiceSpecLoader`` reads back.
    /// - Parameter schemaPath: The path to record for an Avro schema, relative to where the mapping is read.
    func yamlNode(schemaPath: String?) -> Node {
        var pairs: [(Node, Node)] = [("name", Node(name))]
        if let description { pairs.append(("description", Node(description))) }
        pairs.append(("role", Node(role.rawValue)))
        if let group { pairs.append(("group", Node(group))) }
        pairs.append(("topics", .sequence(Node.Sequence(topics.map { topic in
            var fields: [(Node, Node)] = [
                ("name", Node(topic.name)), ("direction", Node(topic.direction.rawValue)),
                ("partitions", Node(String(topic.partitions))), ("replicationFactor", Node(String(topic.replicationFactor))),
            ]
            if !topic.config.isEmpty {
                let config = topic.config.sorted { $0.key < $1.key }.map { (Node($0.key), Node($0.value, Tag(.str), .doubleQuoted)) }
                fields.append(("config", .mapping(Node.Mapping(config))))
            }
            return .mapping(Node.Mapping(fields))
        }))))
        var value: [(Node, Node)] = [("format", Node(messages.value.name))]
        if case .avro(let schema) = messages.value {
            value.append(("schema", Node(schemaPath ?? schema.path ?? schema.fileName)))
            value.append(("registry", .mapping(Node.Mapping([
                ("subjectStrategy", Node(messages.registry.subjectStrategy.rawValue)),
                ("autoRegister", Node(messages.registry.autoRegister ? "true" : "false")),
            ]))))
        }
        pairs.append(("messages", .mapping(Node.Mapping([("key", Node(messages.key.rawValue)), ("value", .mapping(Node.Mapping(value)))]))))
        pairs.append(("delivery", Node(delivery.rawValue)))
        var handling: [(Node, Node)] = []
        if let retries = errorHandling.retries { handling.append(("retries", Node(String(retries)))) }
        if let backoff = errorHandling.backoffMs { handling.append(("backoffMs", Node(String(backoff)))) }
        if let topic = errorHandling.deadLetterTopic { handling.append(("deadLetterTopic", Node(topic))) }
        if !handling.isEmpty { pairs.append(("errorHandling", .mapping(Node.Mapping(handling)))) }
        var observing: [(Node, Node)] = []
        if let level = observability.logLevel { observing.append(("logLevel", Node(level))) }
        if let metrics = observability.metrics { observing.append(("metrics", Node(metrics ? "true" : "false"))) }
        if !observing.isEmpty { pairs.append(("observability", .mapping(Node.Mapping(observing)))) }
        return .mapping(Node.Mapping(pairs))
    }
}

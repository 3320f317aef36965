/// What Review knows about librdkafka property names, to tell client configuration apart from
/// other string-keyed data and to infer a configuration's role from its keys.
enum LibrdkafkaProperties {
    /// The first dotted segments of librdkafka (and Kafka client) property names.
    private static let prefixes: Set<String> = [
        "acks", "allow", "api", "auto", "batch", "bootstrap", "broker", "builtin", "check", "client",
        "compression", "connections", "consume", "coordinator", "debug", "default", "delivery", "dr",
        "enable", "enabled", "fetch", "group", "heartbeat", "internal", "isolation", "linger", "log",
        "max", "message", "metadata", "offset", "partition", "partitioner", "plugin", "queue",
        "queued", "receive", "reconnect", "request", "resolve", "retry", "sasl", "schema", "security",
        "session", "socket", "ssl", "statistics", "sticky", "test", "topic", "transaction",
        "transactional", "value", "key",
    ]

    /// Property names without a dot.
    private static let undotted: Set<String> = ["acks", "retries", "debug", "partitioner"]

    /// Keys only a producer sets.
    private static let producerKeys: Set<String> = [
        "acks", "request.required.acks", "enable.idempotence", "linger.ms", "queue.buffering.max.ms",
        "batch.size", "batch.num.messages", "compression.type", "compression.codec", "transactional.id",
        "transaction.timeout.ms", "delivery.timeout.ms", "message.timeout.ms", "retries",
        "message.send.max.retries", "max.in.flight.requests.per.connection", "max.in.flight",
        "partitioner", "enable.gapless.guarantee", "queue.buffering.max.messages",
    ]

    /// Keys only a consumer sets.
    private static let consumerKeys: Set<String> = [
        "group.id", "group.instance.id", "auto.offset.reset", "enable.auto.commit",
        "enable.auto.offset.store", "auto.commit.interval.ms", "isolation.level", "session.timeout.ms",
        "heartbeat.interval.ms", "max.poll.interval.ms", "partition.assignment.strategy",
        "fetch.min.bytes", "fetch.max.bytes", "fetch.wait.max.ms", "enable.partition.eof",
        "group.protocol", "check.crcs",
    ]

    /// Whether a key looks like a librdkafka property name (`enable.idempotence`, `acks`) or is one
    /// that a rule checks (broker, topic and Connect properties such as `min.insync.replicas`).
    static func isPropertyName(_ key: String, ruleKeys: Set<String>) -> Bool {
        if undotted.contains(key) || ruleKeys.contains(key) { return true }
        let segments = key.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count >= 2, let first = segments.first, prefixes.contains(String(first)) else { return false }
        return segments.allSatisfy { segment in
            !segment.isEmpty && segment.utf8.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
            }
        }
    }

    /// The role that names suggest: the first hint that mentions exactly one of producer or consumer.
    /// - Parameter hints: Names to look at, most specific first (variable, enclosing types, file).
    static func role(fromNames hints: [String]) -> ConfigCheck.Role? {
        for hint in hints {
            let lowered = hint.lowercased()
            switch (lowered.contains("producer"), lowered.contains("consumer")) {
            case (true, false): return .producer
            case (false, true): return .consumer
            default: continue
            }
        }
        return nil
    }

    /// The role that a configuration's keys imply, when they imply exactly one.
    static func role(fromKeys keys: [String]) -> ConfigCheck.Role {
        let producer = keys.contains(where: producerKeys.contains)
        let consumer = keys.contains(where: consumerKeys.contains)
        switch (producer, consumer) {
        case (true, false): return .producer
        case (false, true): return .consumer
        default: return .any
        }
    }

    /// The keys typed configuration properties may stand for: client keys Review knows and the keys
    /// rules check.
    static func typedKeys(adding ruleKeys: Set<String>) -> Set<String> {
        producerKeys.union(consumerKeys).union(ruleKeys).union(["bootstrap.servers", "client.id", "statistics.interval.ms"])
    }

    /// The Swift property name of a key, as the Kafka module's `KafkaConfig` spells it:
    /// `enable.idempotence` → `enableIdempotence`, `linger.ms` → `lingerMs`.
    static func swiftPropertyName(of key: String) -> String {
        let words = key.split(whereSeparator: { $0 == "." || $0 == "_" || $0 == "-" }).map(String.init)
        guard let first = words.first else { return key }
        return first + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// The librdkafka value of an enum case of the Kafka module's typed configuration
    /// (`KafkaConfig.Acks.all` → `all`), or `nil` when the case is not known.
    static func value(ofCase name: String, for key: String) -> String? {
        let cases: [String: [String: String]] = [
            "acks": ["none": "0", "leader": "1", "all": "all"],
            "auto.offset.reset": ["earliest": "earliest", "latest": "latest", "error": "error"],
            "isolation.level": ["readCommitted": "read_committed", "readUncommitted": "read_uncommitted"],
            "partition.assignment.strategy": ["range": "range", "roundRobin": "roundrobin", "cooperativeSticky": "cooperative-sticky"],
        ]
        return cases[key]?[name]
    }
}

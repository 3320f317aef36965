import KafkaSkillModel
/// The rules every spec must satisfy, however it was written (YAML spec or AsyncAPI document): the name,
/// topic names and settings, and what each role needs.
enum ServiceSpecValidator {
    /// Log levels swift-log knows.
    static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    /// Checks `spec`, pointing each problem at the field in `source`.
    static func problems(in spec: ServiceSpec, source: SpecSource) -> [ScaffoldError] {
        var problems: [ScaffoldError] = []
        func fail(_ field: String, _ value: String, _ expected: String) {
            problems.append(.invalidValue(source.location(of: field), field: field, value: value, expected: expected))
        }

        if !ServiceName.isValid(spec.name) {
            fail("name", spec.name, "lowercase words of letters and digits joined by hyphens, starting with a letter, at most 64 characters (e.g. order-events-worker)")
        } else if ServiceName.reservedModuleNames.contains(ServiceName.moduleName(for: spec.name)) {
            fail("name", spec.name, "a name whose Swift module name (\(ServiceName.moduleName(for: spec.name))) does not shadow a dependency; add a word, e.g. \(spec.name)-service")
        }

        var seen: Set<String> = []
        for (index, topic) in spec.topics.enumerated() {
            let field = "topics[\(index)]"
            if !TopicSpec.isValidName(topic.name) {
                fail("\(field).name", topic.name, "1 to 249 letters, digits, '.', '_' or '-', and not '.' or '..'")
            } else if !seen.insert(topic.name).inserted {
                fail("\(field).name", topic.name, "a topic not listed before; list each topic once")
            }
            if !(1...100_000).contains(topic.partitions) {
                fail("\(field).partitions", String(topic.partitions), "a whole number from 1 to 100000")
            }
            if !(1...32).contains(topic.replicationFactor) {
                fail("\(field).replicationFactor", String(topic.replicationFactor), "a whole number from 1 to 32")
            }
            for (key, value) in topic.config.sorted(by: { $0.key < $1.key }) {
                let configField = "\(field).config.\(key)"
                if !KafkaTopicConfig.names.contains(key) {
                    let close = KafkaTopicConfig.suggestions(for: key)
                    let hint = close.isEmpty ? "a Kafka topic configuration name (see Kafka's topic configs)" : "a Kafka topic configuration name; did you mean \(close.joined(separator: " or "))?"
                    problems.append(.invalidValue(source.location(of: configField), field: configField, value: key, expected: hint))
                } else if key == "cleanup.policy", !KafkaTopicConfig.cleanupPolicies.contains(value) {
                    fail(configField, value, "delete, compact, or delete,compact")
                } else if value.isEmpty || value.contains(where: \.isNewline) {
                    fail(configField, value, "a non-empty value on one line")
                } else if let expected = KafkaTopicConfig.expectedValue(for: key, value) {
                    fail(configField, value, expected)
                }
            }
        }

        if let group = spec.group, !TopicSpec.isValidName(group) {
            fail("group", group, "1 to 249 letters, digits, '.', '_' or '-'")
        }
        if let level = spec.observability.logLevel, !logLevels.contains(level) {
            fail("observability.logLevel", level, "one of \(logLevels.joined(separator: ", "))")
        }
        if let deadLetter = spec.errorHandling.deadLetterTopic {
            if !TopicSpec.isValidName(deadLetter) {
                fail("errorHandling.deadLetterTopic", deadLetter, "1 to 249 letters, digits, '.', '_' or '-'")
            } else if spec.inputTopics.contains(where: { $0.name == deadLetter }) {
                fail("errorHandling.deadLetterTopic", deadLetter, "a topic the service does not read, or failed records would come back to it")
            }
        }
        problems += roleProblems(spec, source: source)
        return problems
    }

    /// What each role needs: its topics, its group, its guarantee.
    private static func roleProblems(_ spec: ServiceSpec, source: SpecSource) -> [ScaffoldError] {
        var problems: [ScaffoldError] = []
        let role = spec.role.rawValue
        let allowed = DeliveryGuarantee.allowed(for: spec.role)
        if !allowed.contains(spec.delivery) {
            let advice: String
            switch spec.role {
            case .producer, .consumer:
                advice = "exactly-once needs the input offsets committed in the output's transaction: use role processor"
            case .processor:
                advice = "a processor writes its output and input offsets in one transaction; for at-most-once or at-least-once, use role consumer and produce from its processing"
            }
            problems.append(.invalidValue(
                source.location(of: "delivery"), field: "delivery", value: spec.delivery.rawValue,
                expected: "\(allowed.map(\.rawValue).joined(separator: " or ")) for a \(role) (\(advice))"))
        }
        let inputs = spec.inputTopics.count
        let outputs = spec.outputTopics.count
        switch spec.role {
        case .producer:
            if inputs != 0 || outputs != 1 {
                problems.append(.invalidValue(
                    source.location(of: "topics"), field: "topics", value: "\(inputs) input and \(outputs) output topics",
                    expected: "exactly one output topic for a producer"))
            }
            if spec.group != nil {
                problems.append(.invalidValue(
                    source.location(of: "group"), field: "group", value: spec.group ?? "",
                    expected: "absent: a producer joins no consumer group"))
            }
            if spec.errorHandling != ErrorHandlingSpec() {
                problems.append(.invalidValue(
                    source.location(of: "errorHandling"), field: "errorHandling", value: "set",
                    expected: "absent for a producer: its retries are librdkafka's, set by the delivery preset (message.timeout.ms)"))
            }
        case .consumer, .processor:
            let wantedOutputs = spec.role == .consumer ? 0 : 1
            if inputs < 1 || outputs != wantedOutputs {
                let expected = spec.role == .consumer
                    ? "at least one input topic and no output topic other than the dead-letter topic for a consumer"
                    : "at least one input topic and exactly one output topic (besides the dead-letter topic) for a processor"
                problems.append(.invalidValue(
                    source.location(of: "topics"), field: "topics", value: "\(inputs) input and \(outputs) output topics",
                    expected: expected))
            }
            if spec.group == nil {
                problems.append(.missingKey(SourceLocation(file: source.file, line: 1, column: 1), key: "group", context: "a \(role) spec"))
            }
            if spec.role == .consumer, spec.messages.registry.autoRegister {
                problems.append(.invalidValue(
                    source.location(of: "messages.value.registry.autoRegister"), field: "messages.value.registry.autoRegister",
                    value: "true", expected: "false or absent for a consumer: it registers nothing, it reads with the schema id each value carries"))
            }
        }
        return problems
    }
}

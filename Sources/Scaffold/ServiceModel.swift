import KafkaSkillModel
/// Translates a spec into the values templates see: names, flags, topic lists and the resolved delivery
/// presets. Templates get only these and the template's own parameters, never raw YAML.
enum ServiceModel {
    /// Every model value's name; a template parameter may not reuse one, and `when:` conditions may name them.
    static let keys: Set<String> = [
        "serviceName", "moduleName", "testModuleName", "description", "role", "isProducer", "isConsumer", "isProcessor",
        "delivery", "isAtMostOnce", "isAtLeastOnce", "isExactlyOnce", "kafkaPackagePath", "kafkaPackagePathLiteral", "kafkaPackageDependency", "kafkaPackageName", "group", "hasGroup", "topics",
        "inputTopics", "inputTopicNames", "outputTopic", "hasOutputTopic", "deadLetterTopic", "hasDeadLetterTopic",
        "keyIsString", "valueFormat", "valueIsJSON", "valueIsAvro", "avroSchema", "consumerPreset", "hasConsumerPreset",
        "producerPreset", "hasProducerPreset", "templateID", "templateVersion", "avroRecord", "encodesAvro", "decodesAvro",
        "registry",
    ]

    /// Spec fields that feed template parameters of these names.
    static let parameterFields: [(field: String, parameter: String)] = [
        ("observability.logLevel", "logLevel"),
        ("observability.metrics", "metrics"),
        ("errorHandling.retries", "retries"),
        ("errorHandling.backoffMs", "retryBackoffMs"),
    ]

    /// Placeholders the presets may use, the Swift name that fills them, and the variable documented for it.
    static let placeholders: [String: (swiftName: String, environment: String)] = [
        "TRANSACTIONAL_ID": ("transactionalID", "KAFKA_TRANSACTIONAL_ID")
    ]

    /// The model values for `spec`.
    /// - Parameters:
    ///   - spec: The checked spec.
    ///   - presets: The skill's delivery presets.
    ///   - kafkaPackage: How the generated `Package.swift` reaches the KafkaSkill package.
    /// - Throws: ``ScaffoldError`` when a preset is missing or uses a placeholder the services cannot fill.
    static func values(
        for spec: ServiceSpec, presets: PresetCatalog, kafkaPackage: KafkaPackageReference
    ) throws(ScaffoldError) -> [String: TemplateValue] {
        let moduleName = ServiceName.moduleName(for: spec.name)
        var values: [String: TemplateValue] = [
            "serviceName": .string(spec.name),
            "moduleName": .string(moduleName),
            "testModuleName": .string(moduleName + "Tests"),
            "description": .string(oneLine(spec.description ?? defaultDescription(spec))),
            "role": .string(spec.role.rawValue),
            "isProducer": .bool(spec.role == .producer),
            "isConsumer": .bool(spec.role == .consumer),
            "isProcessor": .bool(spec.role == .processor),
            "delivery": .string(spec.delivery.rawValue),
            "isAtMostOnce": .bool(spec.delivery == .atMostOnce),
            "isAtLeastOnce": .bool(spec.delivery == .atLeastOnce),
            "isExactlyOnce": .bool(spec.delivery == .exactlyOnce),
            "kafkaPackagePath": .string(kafkaPackage.path ?? ""),
            "kafkaPackagePathLiteral": .string(swiftLiteral(kafkaPackage.path ?? "")),
            "kafkaPackageDependency": .string(kafkaPackage.dependency),
            "kafkaPackageName": .string(kafkaPackage.packageName),
            "group": .string(spec.group ?? ""),
            "hasGroup": .bool(spec.group != nil),
            "keyIsString": .bool(spec.messages.key == .string),
            "valueFormat": .string(spec.messages.value.name),
            "valueIsJSON": .bool(spec.messages.value == .json),
            "valueIsAvro": .bool(spec.messages.value != .json),
        ]
        if case .avro(let schema) = spec.messages.value {
            values["avroSchema"] = .object(["fileName": .string(schema.fileName), "text": .string(schema.text)])
            let record = try avroRecord(schema)
            values["avroRecord"] = record.value
            values["registry"] = registry(spec, record: record.type)
        }
        values["encodesAvro"] = .bool(spec.messages.value != .json && spec.role != .consumer)
        values["decodesAvro"] = .bool(spec.messages.value != .json && spec.role != .producer)

        let deadLetterName = spec.errorHandling.deadLetterTopic
        var allTopics = spec.topics
        // A dead-letter topic the spec does not list gets one partition: it holds the exceptions.
        if let deadLetterName, !allTopics.contains(where: { $0.name == deadLetterName }) {
            allTopics.append(TopicSpec(name: deadLetterName, partitions: 1, direction: .output))
        }
        values["topics"] = .list(allTopics.map { topic(_: $0, isDeadLetter: $0.name == deadLetterName) })
        let inputs = spec.inputTopics
        values["inputTopics"] = .list(inputs.enumerated().map { index, topic in
            var object = topicFields(topic)
            object["isLast"] = .bool(index == inputs.count - 1)
            return .object(object)
        })
        values["inputTopicNames"] = .string(inputs.map(\.name).joined(separator: ","))
        values["hasOutputTopic"] = .bool(!spec.outputTopics.isEmpty)
        if let output = spec.outputTopics.first {
            values["outputTopic"] = .object(topicFields(output))
        }
        values["hasDeadLetterTopic"] = .bool(deadLetterName != nil)
        if let deadLetter = allTopics.first(where: { $0.name == deadLetterName }) {
            values["deadLetterTopic"] = .object(topicFields(deadLetter))
        }

        let usesConsumer = spec.role != .producer
        let usesProducer = spec.role != .consumer || deadLetterName != nil
        values["hasConsumerPreset"] = .bool(usesConsumer)
        values["hasProducerPreset"] = .bool(usesProducer)
        if usesConsumer {
            values["consumerPreset"] = try preset(presets.preset(role: "consumer", guarantee: spec.delivery), role: "consumer")
        }
        if usesProducer {
            values["producerPreset"] = try preset(presets.preset(role: "producer", guarantee: spec.delivery), role: "producer")
        }
        return values
    }

    /// The template parameters' values: the spec's, else the defaults, each checked against its rules.
    /// - Throws: ``ScaffoldError`` pointing at the spec field (or the template) whose value is not allowed,
    ///   or at a spec field no parameter takes.
    static func parameters(
        for spec: ServiceSpec, source: SpecSource, template: TemplateManifest
    ) throws(ScaffoldError) -> [String: TemplateValue] {
        let fromSpec: [String: TemplateValue?] = [
            "observability.logLevel": spec.observability.logLevel.map(TemplateValue.string),
            "observability.metrics": spec.observability.metrics.map(TemplateValue.bool),
            "errorHandling.retries": spec.errorHandling.retries.map(TemplateValue.int),
            "errorHandling.backoffMs": spec.errorHandling.backoffMs.map(TemplateValue.int),
        ]
        let declared = Dictionary(uniqueKeysWithValues: template.parameters.map { ($0.name, $0) })
        var problems: [ScaffoldError] = []
        var values: [String: TemplateValue] = [:]
        for (field, name) in parameterFields {
            guard let given = fromSpec[field] ?? nil else { continue }
            guard let parameter = declared[name] else {
                problems.append(.invalidValue(
                    source.location(of: field), field: field, value: given.description,
                    expected: "absent: template '\(template.id)' has no parameter '\(name)' to take it"))
                continue
            }
            if let problem = parameter.problem(with: given) {
                problems.append(.invalidValue(
                    source.location(of: field), field: field, value: given.description,
                    expected: "\(problem) (parameter '\(name)' of template '\(template.id)')"))
                continue
            }
            values[name] = given
        }
        for parameter in template.parameters where values[parameter.name] == nil {
            guard let value = parameter.defaultValue else {
                problems.append(.missingKey(
                    SourceLocation(file: template.manifestPath), key: "default",
                    context: "parameter '\(parameter.name)', which no spec field sets,"))
                continue
            }
            values[parameter.name] = value
        }
        guard problems.isEmpty else { throw .combining(problems) }
        return values
    }

    /// The Codable structs of an Avro record schema, as templates render them.
    private static func avroRecord(_ schema: AvroSchemaFile) throws(ScaffoldError) -> (type: AvroRecordType, value: TemplateValue) {
        let type: AvroRecordType
        do {
            type = try AvroRecordType.make(schemaText: schema.text)
        } catch {
            throw .invalidValue(
                SourceLocation(file: schema.path ?? schema.fileName), field: "messages.value.schema", value: schema.fileName,
                expected: "a record schema a Swift struct can hold; at \(error.path) in the schema, \(error.message)")
        }
        let records: [TemplateValue] = type.records.map { record in
            .object([
                "swiftName": .string(record.swiftName),
                "fullName": .string(record.fullName),
                "doc": .string(record.doc ?? ""),
                "hasDoc": .bool(record.doc != nil),
                "needsCodingKeys": .bool(record.needsCodingKeys),
                "fields": .list(record.fields.enumerated().map { index, field in
                    .object([
                        "name": .string(field.name),
                        "swiftName": .string(field.swiftName),
                        "swiftType": .string(field.swiftType),
                        "doc": .string(field.doc ?? ""),
                        "hasDoc": .bool(field.doc != nil),
                        "defaultLiteral": .string(field.defaultLiteral ?? ""),
                        "hasDefault": .bool(field.defaultLiteral != nil),
                        "sampleExpression": .string(field.sampleExpression),
                        "isLast": .bool(index == record.fields.count - 1),
                        "isIdentity": .bool(record.swiftName == type.swiftName && index == 0),
                    ])
                }),
            ])
        }
        let enumerations: [TemplateValue] = type.enumerations.map { enumeration in
            .object([
                "swiftName": .string(enumeration.swiftName),
                "fullName": .string(enumeration.fullName),
                "doc": .string(enumeration.doc ?? ""),
                "hasDoc": .bool(enumeration.doc != nil),
                "cases": .list(enumeration.cases.map { .object(["swiftName": .string($0.swiftName), "symbol": .string($0.symbol)]) }),
            ])
        }
        var schemaText = schema.text
        while schemaText.hasSuffix("\n") { schemaText.removeLast() }
        return (type, .object([
            "swiftName": .string(type.swiftName),
            "fullName": .string(type.records[0].fullName),
            "records": .list(records),
            "enumerations": .list(enumerations),
            "identityName": .string(type.identityField.name),
            "identitySwiftName": .string(type.identityField.swiftName),
            "identityIsText": .bool(type.identityIsText),
            "identityIsInt": .bool(type.identityField.swiftType == "Int32"),
            "needsFoundation": .bool(type.needsFoundation),
            "schemaLines": .list(schemaText.split(separator: "\n", omittingEmptySubsequences: false).map { .string(String($0)) }),
        ]))
    }

    /// The registry settings as templates render them: the strategy's Swift name and the subject of the topic the
    /// service writes (or reads) by default.
    private static func registry(_ spec: ServiceSpec, record: AvroRecordType) -> TemplateValue {
        let topic = (spec.role == .consumer ? spec.inputTopics.first : spec.outputTopics.first)?.name ?? ""
        let fullName = record.records[0].fullName
        let strategy: String
        let subject: String
        switch spec.messages.registry.subjectStrategy {
        case .topic:
            (strategy, subject) = ("topicName", "\(topic)-value")
        case .record:
            (strategy, subject) = ("recordName", fullName)
        case .topicRecord:
            (strategy, subject) = ("topicRecordName", "\(topic)-\(fullName)")
        }
        return .object([
            "subjectStrategy": .string(strategy),
            "strategyName": .string(spec.messages.registry.subjectStrategy.rawValue),
            "autoRegister": .bool(spec.messages.registry.autoRegister),
            "subject": .string(subject),
        ])
    }

    private static func topic(_ topic: TopicSpec, isDeadLetter: Bool) -> TemplateValue {
        var object = topicFields(topic)
        object["direction"] = .string(isDeadLetter ? "dead-letter" : topic.direction.rawValue)
        object["isInput"] = .bool(topic.direction == .input)
        object["isOutput"] = .bool(topic.direction == .output && !isDeadLetter)
        object["isDeadLetter"] = .bool(isDeadLetter)
        return .object(object)
    }

    private static func topicFields(_ topic: TopicSpec) -> [String: TemplateValue] {
        let config = topic.config.sorted { $0.key < $1.key }
        return [
            "name": .string(topic.name),
            "partitions": .int(topic.partitions),
            "replicationFactor": .int(topic.replicationFactor),
            // The tests' embedded cluster has three brokers.
            "testReplicationFactor": .int(min(topic.replicationFactor, 3)),
            "hasConfig": .bool(!config.isEmpty),
            "config": .list(config.enumerated().map { index, entry in
                .object(["key": .string(entry.key), "value": .string(entry.value), "isLast": .bool(index == config.count - 1)])
            }),
        ]
    }

    /// A preset as templates render it: as a dictionary literal, or as a function when a placeholder must be
    /// filled from the service's settings.
    private static func preset(_ preset: DeliveryPreset, role: String) throws(ScaffoldError) -> TemplateValue {
        var fillers: [(swiftName: String, environment: String, placeholder: String)] = []
        var properties: [TemplateValue] = []
        for property in preset.properties {
            var why = oneLine(property.why)
            let expression: String
            if let name = property.placeholder {
                guard let filler = placeholders[name] else {
                    throw .unsupported(
                        SourceLocation(file: preset.id + ".properties"), feature: "the placeholder ${\(name)} in preset \(preset.id)",
                        advice: "Generated services can fill \(placeholders.keys.sorted().map { "${\($0)}" }.joined(separator: ", ")).")
                }
                expression = filler.swiftName
                why = "From \(filler.environment). " + why
                fillers.append((filler.swiftName, filler.environment, name))
            } else {
                expression = swiftLiteral(property.value)
            }
            properties.append(.object([
                "key": .string(property.key), "keyLiteral": .string(swiftLiteral(property.key)),
                "value": .string(property.value), "valueExpression": .string(expression), "why": .string(why),
                "whyLines": .list(wrap(why, width: 100).map(TemplateValue.string)),
            ]))
        }
        let signature = fillers.map { "\($0.swiftName): String" }.joined(separator: ", ")
        let arguments = fillers.map { "\($0.swiftName): \($0.swiftName)" }.joined(separator: ", ")
        let regions = [
            "producer-at-most-once": "at-most-once-producer-config", "producer-at-least-once": "idempotent-producer-config",
            "producer-exactly-once": "transactional-producer-config",
        ]
        return .object([
            "id": .string(preset.id),
            "summary": .string(oneLine(preset.summary)),
            "summaryLines": .list(wrap("Preset `\(preset.id)`: \(preset.summary)", width: 100).map(TemplateValue.string)),
            "file": .string(preset.id + ".properties"),
            "region": .string(regions[preset.id] ?? "\(preset.guarantee.rawValue)-\(role)-config"),
            "isFunction": .bool(!fillers.isEmpty),
            "signature": .string(signature),
            "call": .string(fillers.isEmpty ? "KafkaProperties.\(role)" : "KafkaProperties.\(role)(\(arguments))"),
            "placeholders": .list(fillers.map { filler in
                .object([
                    "name": .string(filler.swiftName), "environment": .string(filler.environment),
                    "placeholder": .string(filler.placeholder),
                ])
            }),
            "properties": .list(properties),
        ])
    }

    private static func defaultDescription(_ spec: ServiceSpec) -> String {
        switch spec.role {
        case .producer:
            return "Sends \(spec.messages.value.name.uppercased()) messages to \(spec.outputTopics.first?.name ?? "its topic")."
        case .consumer:
            return "Processes the records of \(spec.inputTopics.map(\.name).joined(separator: ", ")) in consumer group \(spec.group ?? "")."
        case .processor:
            return "Transforms the records of \(spec.inputTopics.map(\.name).joined(separator: ", ")) into \(spec.outputTopics.first?.name ?? "its output topic"), exactly once."
        }
    }

    /// Text for a one-line comment or table cell: line breaks and runs of spaces become one space.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The words of `text` in lines of at most `width` characters (a longer word gets a line of its own).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(whereSeparator: { $0.isWhitespace }) {
            if !line.isEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// A Swift string literal holding `text`.
    static func swiftLiteral(_ text: String) -> String {
        var literal = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": literal += "\\\""
            case "\\": literal += "\\\\"
            case "\n": literal += "\\n"
            case "\r": literal += "\\r"
            case "\t": literal += "\\t"
            default:
                if scalar.properties.generalCategory == .control {
                    literal += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    literal.unicodeScalars.append(scalar)
                }
            }
        }
        return literal + "\""
    }
}

import KafkaSkillModel
public import Foundation
import Yams

/// Reads a service spec (`specs/*.yaml`) and checks it.
///
/// Unknown keys are rejected with the keys allowed; every problem names its file:line:column and what
/// values are allowed, and all problems in a file are reported at once.
///
/// ```yaml
/// name: order-events-worker
/// role: consumer              # producer | consumer | processor
/// group: order-events-workers
/// topics:
///   - name: order-events
///     partitions: 6
///     replicationFactor: 3
///     config: { retention.ms: "604800000" }
/// messages:
///   key: string               # string | none
///   value: { format: json }   # json | avro (with schema: path/to/schema.avsc, and optionally
///                             #   registry: { subjectStrategy: topic | record | topic-record, autoRegister: false })
/// delivery: at-least-once     # at-most-once | at-least-once | exactly-once
/// errorHandling: { retries: 3, backoffMs: 200, deadLetterTopic: order-events-dlq }
/// observability: { logLevel: info, metrics: false }
/// ```
public struct ServiceSpecLoader: Sendable {
    static let topLevelKeys = (
        required: ["name", "role", "topics", "delivery"],
        optional: ["description", "messages", "group", "errorHandling", "observability"]
    )

    /// Creates a loader.
    public init() {}

    /// Reads and checks the spec at `url`.
    /// - Parameters:
    ///   - url: The spec file.
    ///   - displayPath: How messages name the file. Default: the path as given.
    /// - Returns: The spec and where its fields are.
    /// - Throws: ``ScaffoldError`` listing every problem found.
    public func load(contentsOf url: URL, displayPath: String? = nil) throws(ScaffoldError) -> LoadedSpec {
        let file = displayPath ?? url.path
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .fileSystem(path: file, operation: "read the spec", reason: FileReadProblem.reason(url))
        }
        return try load(text: text, file: file, baseDirectory: url.deletingLastPathComponent())
    }

    /// Reads and checks a spec held in memory.
    /// - Parameters:
    ///   - text: The YAML.
    ///   - file: How messages name the document.
    ///   - baseDirectory: The folder relative paths (the Avro schema) are resolved against.
    /// - Throws: ``ScaffoldError`` listing every problem found.
    public func load(text: String, file: String, baseDirectory: URL) throws(ScaffoldError) -> LoadedSpec {
        let reader = DocumentReader(file: file)
        guard let root = reader.compose(text) else { throw .combining(reader.errors) }
        return try load(root, reader: reader, baseDirectory: baseDirectory)
    }

    /// Reads and checks a spec from a composed YAML tree (a spec file, or the copy in an answers file).
    func load(_ root: Node, reader: DocumentReader, baseDirectory: URL) throws(ScaffoldError) -> LoadedSpec {
        var source = SpecSource(file: reader.file, kind: .spec)
        func note(_ field: String, _ node: Node) { source.fieldLocations[field] = reader.location(of: node) }
        let keys = Self.topLevelKeys
        guard let fields = reader.fields(root, context: "the spec", required: keys.required, optional: keys.optional)
        else { throw .combining(reader.errors) }
        for key in fields.keys { note(key, fields[key] ?? root) }

        let name = fields["name"].flatMap { reader.string($0, field: "name") }
        let description = fields["description"].flatMap { reader.string($0, field: "description") }
        let role = fields["role"].flatMap { reader.choice($0, field: "role", as: ServiceRole.self) }
        let delivery = fields["delivery"].flatMap { reader.choice($0, field: "delivery", as: DeliveryGuarantee.self) }
        let group = fields["group"].flatMap { reader.string($0, field: "group") }
        let errorHandling = fields["errorHandling"].flatMap { readErrorHandling($0, reader: reader, note: note) }
            ?? ErrorHandlingSpec()
        let observability = fields["observability"].flatMap { readObservability($0, reader: reader, note: note) }
            ?? ObservabilitySpec()
        let messages = fields["messages"].map { readMessages($0, reader: reader, baseDirectory: baseDirectory, note: note) }
            ?? MessageSpec()
        let topics = fields["topics"].map {
            readTopics($0, reader: reader, role: role, deadLetterTopic: errorHandling.deadLetterTopic, note: note)
        } ?? []

        guard reader.errors.isEmpty, let name, let role, let delivery, let messages else {
            throw .combining(reader.errors)
        }
        let spec = ServiceSpec(
            name: name, description: description, role: role, topics: topics, messages: messages, delivery: delivery,
            group: group, errorHandling: errorHandling, observability: observability)
        let problems = ServiceSpecValidator.problems(in: spec, source: source)
        guard problems.isEmpty else { throw .combining(problems) }
        return LoadedSpec(spec: spec, source: source)
    }

    private func readTopics(
        _ node: Node, reader: DocumentReader, role: ServiceRole?, deadLetterTopic: String?,
        note: (String, Node) -> Void
    ) -> [TopicSpec] {
        guard let items = reader.list(node, field: "topics") else { return [] }
        if items.isEmpty {
            reader.record(.invalidValue(reader.location(of: node), field: "topics", value: "[]", expected: "at least one topic"))
        }
        return items.enumerated().compactMap { index, item in
            let context = "topics[\(index)]"
            guard let fields = reader.fields(
                item, context: context, required: ["name"],
                optional: ["partitions", "replicationFactor", "config", "direction"])
            else { return nil }
            for key in fields.keys { note("\(context).\(key)", fields[key] ?? item) }
            guard let name = fields["name"].flatMap({ reader.string($0, field: "\(context).name") }) else { return nil }
            var topic = TopicSpec(name: name, direction: .input)
            if let node = fields["partitions"], let value = reader.int(node, field: "\(context).partitions", in: 1...100_000) {
                topic.partitions = value
            }
            if let node = fields["replicationFactor"],
                let value = reader.int(node, field: "\(context).replicationFactor", in: 1...32)
            {
                topic.replicationFactor = value
            }
            if let node = fields["config"], let config = reader.fields(node, context: "\(context).config", anyKeys: true) {
                for key in config.keys {
                    guard let valueNode = config[key], let value = reader.string(valueNode, field: "\(context).config.\(key)")
                    else { continue }
                    note("\(context).config.\(key)", config.keyNodes[key] ?? valueNode)
                    topic.config[key] = value
                }
            }
            if let node = fields["direction"] {
                guard let direction = reader.choice(node, field: "\(context).direction", as: TopicDirection.self) else {
                    return nil
                }
                topic.direction = direction
            } else if name == deadLetterTopic || role == .producer {
                topic.direction = .output
            } else if role == .processor {
                reader.record(.missingKey(reader.location(of: item), key: "direction", context: "\(context) of a processor (input or output)"))
                return nil
            }
            return topic
        }
    }

    private func readMessages(
        _ node: Node, reader: DocumentReader, baseDirectory: URL, note: (String, Node) -> Void
    ) -> MessageSpec? {
        guard let fields = reader.fields(node, context: "messages", optional: ["key", "value"]) else { return nil }
        var messages = MessageSpec()
        if let keyNode = fields["key"] {
            note("messages.key", keyNode)
            guard let key = reader.choice(keyNode, field: "messages.key", as: MessageSpec.KeyType.self) else { return nil }
            messages.key = key
        }
        guard let valueNode = fields["value"] else { return messages }
        guard let value = reader.fields(valueNode, context: "messages.value", required: ["format"], optional: ["schema", "registry"]),
            let formatNode = value["format"], let format = reader.string(formatNode, field: "messages.value.format")
        else { return nil }
        switch format {
        case "json":
            if let schemaNode = value["schema"] {
                reader.record(.invalidValue(
                    reader.location(of: schemaNode), field: "messages.value.schema", value: reader.string(schemaNode, field: "schema") ?? "",
                    expected: "absent for JSON values; only Avro values take a schema file"))
                return nil
            }
            if let registryNode = value["registry"] {
                reader.record(.invalidValue(
                    reader.location(of: registryNode), field: "messages.value.registry", value: "…",
                    expected: "absent for JSON values; only Avro values use the schema registry"))
                return nil
            }
        case "avro":
            guard let schemaNode = value["schema"] else {
                reader.record(.missingKey(reader.location(of: valueNode), key: "schema", context: "messages.value with format avro"))
                return nil
            }
            guard let path = reader.string(schemaNode, field: "messages.value.schema"),
                let schema = AvroSchemaReader.read(path: path, relativeTo: baseDirectory, at: reader.location(of: schemaNode), reader: reader)
            else { return nil }
            messages.value = .avro(schema)
            if let registryNode = value["registry"] {
                note("messages.value.registry", registryNode)
                guard let registry = readRegistry(registryNode, reader: reader, note: note) else { return nil }
                messages.registry = registry
            }
        default:
            reader.record(.invalidValue(reader.location(of: formatNode), field: "messages.value.format", value: format, expected: "one of json, avro"))
            return nil
        }
        return messages
    }

    private func readRegistry(_ node: Node, reader: DocumentReader, note: (String, Node) -> Void) -> SchemaRegistrySpec? {
        guard let fields = reader.fields(node, context: "messages.value.registry", optional: ["subjectStrategy", "autoRegister"])
        else { return nil }
        for key in fields.keys { note("messages.value.registry.\(key)", fields[key] ?? node) }
        var registry = SchemaRegistrySpec()
        if let strategyNode = fields["subjectStrategy"] {
            guard let strategy = reader.choice(
                strategyNode, field: "messages.value.registry.subjectStrategy", as: SchemaRegistrySpec.SubjectStrategy.self)
            else { return nil }
            registry.subjectStrategy = strategy
        }
        if let autoRegisterNode = fields["autoRegister"] {
            guard let autoRegister = reader.bool(autoRegisterNode, field: "messages.value.registry.autoRegister") else { return nil }
            registry.autoRegister = autoRegister
        }
        return registry
    }

    private func readErrorHandling(_ node: Node, reader: DocumentReader, note: (String, Node) -> Void) -> ErrorHandlingSpec? {
        guard let fields = reader.fields(node, context: "errorHandling", optional: ["retries", "backoffMs", "deadLetterTopic"])
        else { return nil }
        for key in fields.keys { note("errorHandling.\(key)", fields[key] ?? node) }
        return ErrorHandlingSpec(
            retries: fields["retries"].flatMap { reader.int($0, field: "errorHandling.retries", in: 0...1_000) },
            backoffMs: fields["backoffMs"].flatMap { reader.int($0, field: "errorHandling.backoffMs", in: 1...3_600_000) },
            deadLetterTopic: fields["deadLetterTopic"].flatMap { reader.string($0, field: "errorHandling.deadLetterTopic") })
    }

    private func readObservability(_ node: Node, reader: DocumentReader, note: (String, Node) -> Void) -> ObservabilitySpec? {
        guard let fields = reader.fields(node, context: "observability", optional: ["logLevel", "metrics"]) else { return nil }
        for key in fields.keys { note("observability.\(key)", fields[key] ?? node) }
        return ObservabilitySpec(
            logLevel: fields["logLevel"].flatMap { reader.string($0, field: "observability.logLevel") },
            metrics: fields["metrics"].flatMap { reader.bool($0, field: "observability.metrics") })
    }
}

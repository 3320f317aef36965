import Foundation
import Yams
import KafkaSkillModel

/// One AsyncAPI document's conversion: resolves `$ref`s, reads what the service needs, and records
/// diagnostics and errors with their positions in the document.
final class AsyncAPIConversion {
    private let root: Node
    private let reader: DocumentReader
    private let baseDirectory: URL
    private(set) var diagnostics: [Diagnostic] = []
    /// Where each topic's name and configuration keys are written, by topic name.
    private var topicLocations: [String: SourceLocation] = [:]
    private var configLocations: [String: [String: SourceLocation]] = [:]
    private(set) var source: SpecSource

    /// The field lists of AsyncAPI 3.0's objects and of the Kafka bindings (0.3.0 to 0.5.0).
    enum Keys {
        static let root = (required: ["asyncapi", "info"], optional: ["id", "servers", "defaultContentType", "channels", "operations", "components"])
        static let info = ["title", "version", "description", "termsOfService", "contact", "license", "tags", "externalDocs"]
        static let server = ["host", "protocol", "protocolVersion", "pathname", "description", "title", "summary", "variables", "security", "tags", "externalDocs", "bindings"]
        static let channel = ["address", "messages", "title", "summary", "description", "servers", "parameters", "tags", "externalDocs", "bindings"]
        static let operation = ["action", "channel", "title", "summary", "description", "security", "tags", "externalDocs", "bindings", "traits", "messages", "reply"]
        static let message = ["headers", "payload", "correlationId", "contentType", "name", "title", "summary", "description", "tags", "externalDocs", "bindings", "examples", "traits"]
        static let kafkaServer = ["schemaRegistryUrl", "schemaRegistryVendor", "bindingVersion"]
        static let kafkaChannel = ["topic", "partitions", "replicas", "topicConfiguration", "bindingVersion"]
        static let kafkaOperation = ["groupId", "clientId", "bindingVersion"]
        static let kafkaMessage = ["key", "schemaIdLocation", "schemaIdPayloadEncoding", "schemaLookupStrategy", "bindingVersion"]
        static let topicConfiguration = ["cleanup.policy", "retention.ms", "retention.bytes", "delete.retention.ms", "max.message.bytes"]
        static let extensionKeys = ["name", "delivery", "errorHandling", "observability"]
    }

    static let avroFormats = [
        "application/vnd.apache.avro", "application/vnd.apache.avro+json", "application/vnd.apache.avro+yaml",
    ]
    static let jsonSchemaFormats = ["application/vnd.aai.asyncapi", "application/vnd.aai.asyncapi+json", "application/vnd.aai.asyncapi+yaml", "application/schema+json", "application/schema+yaml"]

    init(root: Node, reader: DocumentReader, baseDirectory: URL) {
        self.root = root
        self.reader = reader
        self.baseDirectory = baseDirectory
        self.source = SpecSource(file: reader.file, kind: .asyncAPI)
    }

    private func warn(_ node: Node, _ message: String) {
        diagnostics.append(Diagnostic(.warning, message, at: reader.location(of: node)))
    }

    private func note(_ node: Node, _ message: String) {
        diagnostics.append(Diagnostic(.note, message, at: reader.location(of: node)))
    }

    private func fail(_ node: Node, feature: String, advice: String) {
        reader.record(.unsupported(reader.location(of: node), feature: feature, advice: advice))
    }

    // MARK: - The document

    func convert() -> ServiceSpec? {
        guard let fields = reader.fields(root, context: "the AsyncAPI document", required: Keys.root.required, optional: Keys.root.optional, extensions: true)
        else { return nil }
        guard let versionNode = fields["asyncapi"], let version = reader.string(versionNode, field: "asyncapi") else { return nil }
        guard version.hasPrefix("3.") else {
            fail(versionNode, feature: "AsyncAPI \(version)", advice: "Convert the document to 3.0 first (`asyncapi convert`).")
            return nil
        }
        for key in fields.keys where key.hasPrefix("x-") && key != "x-kafka-skill" {
            if let node = fields.keyNodes[key] { warn(node, "the extension \(key) is not used by the generator") }
        }
        let info = fields["info"].flatMap { reader.fields($0, context: "info", required: ["title", "version"], optional: Keys.info, extensions: true) }
        let settings = fields["x-kafka-skill"].flatMap(extensionSettings)
        if let servers = fields["servers"] { readServers(servers) }
        let operations = fields["operations"].map(readOperations) ?? []
        if operations.isEmpty {
            reader.record(.missingKey(reader.location(of: root), key: "operations", context: "an AsyncAPI document describing a service (at least one send or receive operation)"))
            return nil
        }
        warnAboutUnusedChannels(fields["channels"], used: Set(operations.map(\.channelID)))

        let name = serviceName(info: info, settings: settings)
        let description = info?["description"].flatMap { reader.string($0, field: "info.description") }
        let sends = operations.contains { $0.action == "send" }
        let receives = operations.contains { $0.action == "receive" }
        let role: ServiceRole = sends && receives ? .processor : sends ? .producer : .consumer

        var topics: [TopicSpec] = []
        var directions: [String: (TopicDirection, Node)] = [:]
        for operation in operations {
            let direction: TopicDirection = operation.action == "send" ? .output : .input
            if let (other, _) = directions[operation.topic.name] {
                if other != direction {
                    fail(operation.node, feature: "reading and writing the same topic '\(operation.topic.name)'", advice: "A service that consumes its own output would loop; use separate channels.")
                }
                continue
            }
            directions[operation.topic.name] = (direction, operation.node)
            var topic = operation.topic
            topic.direction = direction
            topics.append(topic)
        }
        let group = consumerGroup(operations.filter { $0.action == "receive" }, serviceName: name)
        let messages = messageSpec(operations)
        let delivery = settings?.delivery ?? {
            let chosen: DeliveryGuarantee = role == .processor ? .exactlyOnce : .atLeastOnce
            note(root, "no x-kafka-skill.delivery: the \(role.rawValue) gets \(chosen.rawValue) delivery")
            return chosen
        }()
        guard let name, let messages else { return nil }
        for (index, topic) in topics.enumerated() {
            if let location = topicLocations[topic.name] { source.fieldLocations["topics[\(index)].name"] = location }
            for (key, location) in configLocations[topic.name] ?? [:] {
                source.fieldLocations["topics[\(index)].config.\(key)"] = location
            }
        }
        source.fieldLocations["topics"] = reader.location(of: operations[0].node)
        return ServiceSpec(
            name: name, description: description, role: role, topics: topics, messages: messages, delivery: delivery,
            group: role == .producer ? nil : group, errorHandling: settings?.errorHandling ?? ErrorHandlingSpec(),
            observability: settings?.observability ?? ObservabilitySpec())
    }

    // MARK: - References

    /// Follows a `{$ref: '#/…'}` within the document (through chains of them); other nodes come back as they are.
    func resolve(_ node: Node, depth: Int = 0) -> Node? {
        guard case .mapping(let mapping) = node, let refNode = mapping["$ref"] else { return node }
        guard let ref = reader.string(refNode, field: "$ref") else { return nil }
        guard ref.hasPrefix("#/") else {
            fail(refNode, feature: "the reference '\(ref)' to another document", advice: "Only schema payloads may live in other files; inline the rest, or bundle the document (`asyncapi bundle`).")
            return nil
        }
        guard depth < 32 else {
            fail(refNode, feature: "the reference cycle through '\(ref)'", advice: "Break the cycle.")
            return nil
        }
        var current = root
        for token in ref.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false) {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch current {
            case .mapping(let mapping):
                guard let next = mapping[key] else {
                    reader.record(.invalidValue(reader.location(of: refNode), field: "$ref", value: ref, expected: "a reference to something in the document; there is no '\(key)'"))
                    return nil
                }
                current = next
            case .sequence(let sequence):
                guard let index = Int(key), sequence.indices.contains(index) else {
                    reader.record(.invalidValue(reader.location(of: refNode), field: "$ref", value: ref, expected: "a reference to something in the document; there is no item \(key)"))
                    return nil
                }
                current = sequence[index]
            default:
                reader.record(.invalidValue(reader.location(of: refNode), field: "$ref", value: ref, expected: "a reference into a mapping or list"))
                return nil
            }
        }
        return resolve(current, depth: depth + 1)
    }

    private func reference(_ node: Node) -> String? {
        guard case .mapping(let mapping) = node, let refNode = mapping["$ref"] else { return nil }
        return refNode.scalar?.string
    }

    // MARK: - x-kafka-skill

    struct Settings {
        var name: String?
        var delivery: DeliveryGuarantee?
        var errorHandling: ErrorHandlingSpec?
        var observability: ObservabilitySpec?
    }

    private func extensionSettings(_ node: Node) -> Settings? {
        guard let fields = reader.fields(node, context: "x-kafka-skill", optional: Keys.extensionKeys) else { return nil }
        for key in fields.keys { source.fieldLocations[key] = reader.location(of: fields[key] ?? node) }
        var settings = Settings()
        settings.name = fields["name"].flatMap { reader.string($0, field: "x-kafka-skill.name") }
        settings.delivery = fields["delivery"].flatMap { reader.choice($0, field: "x-kafka-skill.delivery", as: DeliveryGuarantee.self) }
        if let handling = fields["errorHandling"].flatMap({ reader.fields($0, context: "x-kafka-skill.errorHandling", optional: ["retries", "backoffMs", "deadLetterTopic"]) }) {
            for key in handling.keys { source.fieldLocations["errorHandling.\(key)"] = reader.location(of: handling[key] ?? node) }
            settings.errorHandling = ErrorHandlingSpec(
                retries: handling["retries"].flatMap { reader.int($0, field: "x-kafka-skill.errorHandling.retries", in: 0...1_000) },
                backoffMs: handling["backoffMs"].flatMap { reader.int($0, field: "x-kafka-skill.errorHandling.backoffMs", in: 1...3_600_000) },
                deadLetterTopic: handling["deadLetterTopic"].flatMap { reader.string($0, field: "x-kafka-skill.errorHandling.deadLetterTopic") })
        }
        if let observing = fields["observability"].flatMap({ reader.fields($0, context: "x-kafka-skill.observability", optional: ["logLevel", "metrics"]) }) {
            for key in observing.keys { source.fieldLocations["observability.\(key)"] = reader.location(of: observing[key] ?? node) }
            settings.observability = ObservabilitySpec(
                logLevel: observing["logLevel"].flatMap { reader.string($0, field: "x-kafka-skill.observability.logLevel") },
                metrics: observing["metrics"].flatMap { reader.bool($0, field: "x-kafka-skill.observability.metrics") })
        }
        return settings
    }

    private func serviceName(info: DocumentReader.Fields?, settings: Settings?) -> String? {
        if let name = settings?.name { return name }
        guard let titleNode = info?["title"], let title = reader.string(titleNode, field: "info.title") else { return nil }
        var slug = ""
        for character in title.lowercased() {
            if character.isASCII, character.isLetter || character.isNumber {
                slug.append(character)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        source.fieldLocations["name"] = reader.location(of: titleNode)
        note(titleNode, "the service is named '\(slug)' after info.title; set x-kafka-skill.name to choose another name")
        return slug
    }

    // MARK: - Servers

    private func readServers(_ node: Node) {
        guard let servers = reader.fields(node, context: "servers", anyKeys: true) else { return }
        for key in servers.keys {
            guard let serverNode = servers[key].flatMap({ resolve($0) }),
                let server = reader.fields(serverNode, context: "servers.\(key)", required: ["host", "protocol"], optional: Keys.server, extensions: true),
                let protocolNode = server["protocol"], let name = reader.string(protocolNode, field: "servers.\(key).protocol")
            else { continue }
            guard name == "kafka" || name == "kafka-secure" else {
                fail(protocolNode, feature: "the \(name) protocol of server '\(key)'", advice: "The generated services speak Kafka only (protocol kafka or kafka-secure).")
                continue
            }
            if let host = server["host"].flatMap({ reader.string($0, field: "servers.\(key).host") }) {
                note(serverNode, "server '\(key)' (\(host)) is not compiled in: the service reads KAFKA_BOOTSTRAP_SERVERS (default 127.0.0.1:9092); set it to \(host)")
            }
            if name == "kafka-secure" || server["security"] != nil {
                warn(server["security"] ?? protocolNode, "security schemes of server '\(key)' are not generated: the service reads KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD and KAFKA_SSL_CA_LOCATION from the environment")
            }
            if let variables = server["variables"] {
                warn(variables, "server variables of '\(key)' are not used: the address comes from KAFKA_BOOTSTRAP_SERVERS")
            }
            if let bindings = server["bindings"] { readServerBindings(bindings, server: key) }
        }
    }

    private func readServerBindings(_ node: Node, server: String) {
        guard let bindings = reader.fields(node, context: "servers.\(server).bindings", anyKeys: true) else { return }
        for key in bindings.keys where key != "kafka" {
            if let keyNode = bindings.keyNodes[key] { warn(keyNode, "the \(key) binding of server '\(server)' is ignored: the service speaks Kafka only") }
        }
        guard let kafka = bindings["kafka"].flatMap({ reader.fields($0, context: "servers.\(server).bindings.kafka", optional: Keys.kafkaServer) }) else { return }
        if let registry = kafka["schemaRegistryUrl"] {
            warn(registry, "schemaRegistryUrl is not written into the service: Avro services read the registry's address from SCHEMA_REGISTRY_URL (default http://127.0.0.1:8081) when they run")
        }
    }

    // MARK: - Channels and operations

    struct Operation {
        var node: Node
        var action: String
        var channelID: String
        var topic: TopicSpec
        var messages: [(node: Node, message: Node)]
        var groupId: (value: String, node: Node)?
    }

    private func readOperations(_ node: Node) -> [Operation] {
        guard let operations = reader.fields(node, context: "operations", anyKeys: true) else { return [] }
        return operations.keys.compactMap { key in
            guard let raw = operations[key], let operationNode = resolve(raw) else { return nil }
            return readOperation(operationNode, id: key)
        }
    }

    private func readOperation(_ node: Node, id: String) -> Operation? {
        let context = "operations.\(id)"
        guard let fields = reader.fields(node, context: context, required: ["action", "channel"], optional: Keys.operation, extensions: true),
            let actionNode = fields["action"], let channelRef = fields["channel"]
        else { return nil }
        guard let action = reader.string(actionNode, field: "\(context).action"), action == "send" || action == "receive" else {
            reader.record(.invalidValue(reader.location(of: actionNode), field: "\(context).action", value: actionNode.scalar?.string ?? "", expected: "send or receive"))
            return nil
        }
        if let reply = fields["reply"] {
            warn(reply, "the reply of operation '\(id)' is not generated: the service does not answer requests")
        }
        if let traits = fields["traits"] {
            warn(traits, "the traits of operation '\(id)' are not applied; write their fields into the operation")
        }
        if let security = fields["security"] {
            warn(security, "the security of operation '\(id)' is not generated: credentials come from the environment (KAFKA_SASL_*)")
        }
        guard let channelID = reference(channelRef).flatMap({ ref -> String? in
            guard ref.hasPrefix("#/channels/") else { return nil }
            return String(ref.dropFirst("#/channels/".count))
        }) else {
            reader.record(.invalidValue(reader.location(of: channelRef), field: "\(context).channel", value: "\(channelRef.scalar?.string ?? "…")", expected: "a reference to a channel: {$ref: '#/channels/NAME'}"))
            return nil
        }
        guard let channelNode = resolve(channelRef), let topic = readChannel(channelNode, id: channelID) else { return nil }

        var messages = channelMessages(channelNode, channelID: channelID)
        if let selected = fields["messages"].flatMap({ reader.list($0, field: "\(context).messages") }) {
            messages = selected.compactMap { item in resolve(item).map { (item, $0) } }
        }
        var groupId: (String, Node)?
        if let bindings = fields["bindings"].flatMap({ reader.fields($0, context: "\(context).bindings", anyKeys: true) }) {
            for key in bindings.keys where key != "kafka" {
                if let keyNode = bindings.keyNodes[key] { warn(keyNode, "the \(key) binding of operation '\(id)' is ignored: the service speaks Kafka only") }
            }
            if let kafka = bindings["kafka"].flatMap({ reader.fields($0, context: "\(context).bindings.kafka", optional: Keys.kafkaOperation) }) {
                if let groupNode = kafka["groupId"] {
                    if action == "send" {
                        warn(groupNode, "groupId of the send operation '\(id)' is ignored: only consumers join a group")
                    } else if let value = schemaConstant(groupNode, field: "\(context).bindings.kafka.groupId") {
                        groupId = (value, groupNode)
                    }
                }
                if let clientNode = kafka["clientId"] {
                    note(clientNode, "clientId of operation '\(id)' is not used: the service's client.id is its name")
                }
            }
        }
        return Operation(node: node, action: action, channelID: channelID, topic: topic, messages: messages, groupId: groupId)
    }

    /// A binding value given as a schema (`{type: string, enum: [x]}`, `{const: x}`) or as plain text.
    private func schemaConstant(_ node: Node, field: String) -> String? {
        if case .scalar(let scalar) = node { return scalar.string }
        guard let schema = reader.fields(node, context: field, anyKeys: true) else { return nil }
        if let constant = schema["const"].flatMap({ reader.string($0, field: "\(field).const") }) { return constant }
        if let values = schema["enum"].flatMap({ reader.list($0, field: "\(field).enum") }), values.count == 1 {
            return reader.string(values[0], field: "\(field).enum")
        }
        reader.record(.invalidValue(reader.location(of: node), field: field, value: "a schema", expected: "a single value: {type: string, enum: [NAME]} or {const: NAME}"))
        return nil
    }

    private func readChannel(_ node: Node, id: String) -> TopicSpec? {
        let context = "channels.\(id)"
        guard let fields = reader.fields(node, context: context, optional: Keys.channel, extensions: true) else { return nil }
        if let parameters = fields["parameters"] {
            fail(parameters, feature: "the parameters of channel '\(id)'", advice: "Generated services use fixed topic names; give the channel a literal address.")
            return nil
        }
        var name: String?
        if let addressNode = fields["address"] {
            if case .scalar(let scalar) = addressNode, !Self.isNull(scalar) {
                name = scalar.string
                if scalar.string.contains("{") {
                    fail(addressNode, feature: "the dynamic address '\(scalar.string)' of channel '\(id)'", advice: "Generated services use fixed topic names; give the channel a literal address.")
                    return nil
                }
            } else {
                fail(addressNode, feature: "the null (dynamic) address of channel '\(id)'", advice: "Give the channel a literal address, or bindings.kafka.topic.")
                return nil
            }
        }
        var topic = TopicSpec(name: name ?? id, direction: .input)
        if let bindings = fields["bindings"].flatMap({ reader.fields($0, context: "\(context).bindings", anyKeys: true) }) {
            for key in bindings.keys where key != "kafka" {
                if let keyNode = bindings.keyNodes[key] { warn(keyNode, "the \(key) binding of channel '\(id)' is ignored: the service speaks Kafka only") }
            }
            if let kafka = bindings["kafka"].flatMap({ reader.fields($0, context: "\(context).bindings.kafka", optional: Keys.kafkaChannel) }) {
                if let topicNode = kafka["topic"], let value = reader.string(topicNode, field: "\(context).bindings.kafka.topic") { topic.name = value }
                if let node = kafka["partitions"], let value = reader.int(node, field: "\(context).bindings.kafka.partitions", in: 1...100_000) { topic.partitions = value }
                if let node = kafka["replicas"], let value = reader.int(node, field: "\(context).bindings.kafka.replicas", in: 1...32) { topic.replicationFactor = value }
                if let configNode = kafka["topicConfiguration"] {
                    let (config, locations) = topicConfiguration(configNode, context: "\(context).bindings.kafka.topicConfiguration")
                    topic.config = config
                    configLocations[topic.name] = locations
                }
            }
        }
        if name == nil, topic.name == id {
            note(node, "channel '\(id)' has no address: its topic is named '\(id)'")
        }
        topicLocations[topic.name] = reader.location(of: fields["address"] ?? node)
        return topic
    }

    private func topicConfiguration(_ node: Node, context: String) -> ([String: String], [String: SourceLocation]) {
        guard let fields = reader.fields(node, context: context, anyKeys: true) else { return ([:], [:]) }
        var config: [String: String] = [:]
        var locations: [String: SourceLocation] = [:]
        for key in fields.keys {
            guard let value = fields[key] else { continue }
            if key.hasPrefix("confluent.") {
                warn(fields.keyNodes[key] ?? value, "\(key) is not applied: it is a Confluent Server setting for broker-side schema validation")
                continue
            }
            if !Keys.topicConfiguration.contains(key) {
                warn(fields.keyNodes[key] ?? value, "\(key) is not a Kafka binding 0.4.0 topicConfiguration field; it is passed on as a topic setting (binding 0.5.0 allows this)")
            }
            if key == "cleanup.policy", case .sequence(let items) = value {
                config[key] = items.compactMap { reader.string($0, field: "\(context).cleanup.policy") }.joined(separator: ",")
            } else if let text = reader.string(value, field: "\(context).\(key)") {
                config[key] = text
            }
            locations[key] = reader.location(of: fields.keyNodes[key] ?? value)
        }
        return (config, locations)
    }

    private func channelMessages(_ node: Node, channelID: String) -> [(node: Node, message: Node)] {
        guard case .mapping(let mapping) = node, let messagesNode = mapping["messages"],
            let messages = reader.fields(messagesNode, context: "channels.\(channelID).messages", anyKeys: true)
        else { return [] }
        return messages.keys.compactMap { key in
            guard let raw = messages[key], let message = resolve(raw) else { return nil }
            return (raw, message)
        }
    }

    private func warnAboutUnusedChannels(_ node: Node?, used: Set<String>) {
        guard let node, let channels = reader.fields(node, context: "channels", anyKeys: true) else { return }
        for key in channels.keys where !used.contains(key) {
            if let keyNode = channels.keyNodes[key] { warn(keyNode, "channel '\(key)' has no send or receive operation: the service does not use it") }
        }
    }

    private func consumerGroup(_ receives: [Operation], serviceName: String?) -> String? {
        guard !receives.isEmpty else { return nil }
        let groups = receives.compactMap(\.groupId)
        if let first = groups.first {
            for other in groups.dropFirst() where other.value != first.value {
                fail(other.node, feature: "a second consumer group '\(other.value)' (besides '\(first.value)')", advice: "One service is one group member; give every receive operation the same groupId.")
            }
            source.fieldLocations["group"] = reader.location(of: first.node)
            return first.value
        }
        guard let serviceName else { return nil }
        note(receives[0].node, "no bindings.kafka.groupId on the receive operations: the group is named '\(serviceName)'")
        return serviceName
    }

    // MARK: - Messages

    private func messageSpec(_ operations: [Operation]) -> MessageSpec? {
        let messages = operations.flatMap(\.messages)
        guard !messages.isEmpty else {
            note(operations[0].node, "no messages are described: keys are text and values JSON")
            return MessageSpec()
        }
        var result: MessageSpec?
        for (reference, message) in messages {
            guard let spec = readMessage(message, at: reference) else { return nil }
            if let result, result.value.name != spec.value.name || result.key != spec.key {
                fail(reference, feature: "messages of different shapes on one service (\(result.key.rawValue) keys with \(result.value.name) values, and \(spec.key.rawValue) keys with \(spec.value.name) values)", advice: "Describe one message shape per service.")
                return nil
            }
            result = result ?? spec
        }
        return result
    }

    /// The message binding's schema-id fields: Avro values carry the id in the payload, Confluent's way, and
    /// Confluent's strategy class names pick the subject strategy.
    private func readSchemaIDBindings(_ kafka: DocumentReader.Fields, into spec: inout MessageSpec) {
        if let node = kafka["schemaIdLocation"], let location = reader.string(node, field: "bindings.kafka.schemaIdLocation"),
            location != "payload"
        {
            warn(node, "schemaIdLocation \(location) is not supported: Avro values carry the schema id in the payload (Confluent wire format)")
        }
        if let node = kafka["schemaIdPayloadEncoding"],
            let encoding = reader.string(node, field: "bindings.kafka.schemaIdPayloadEncoding"), !["confluent", "4"].contains(encoding)
        {
            warn(node, "schemaIdPayloadEncoding \(encoding) is not supported: the id is encoded Confluent's way (magic byte 0, 4-byte id)")
        }
        if let node = kafka["schemaLookupStrategy"], let strategy = reader.string(node, field: "bindings.kafka.schemaLookupStrategy") {
            let strategies: [String: SchemaRegistrySpec.SubjectStrategy] = [
                "TopicNameStrategy": .topic, "RecordNameStrategy": .record, "TopicRecordNameStrategy": .topicRecord,
            ]
            let className = strategy.split(separator: ".").last.map(String.init) ?? strategy
            if let known = strategies[className] {
                spec.registry.subjectStrategy = known
            } else {
                warn(node, "schemaLookupStrategy \(strategy) is not supported: the subject strategy stays TopicNameStrategy (the others are RecordNameStrategy and TopicRecordNameStrategy)")
            }
        }
    }

    private func readMessage(_ node: Node, at reference: Node) -> MessageSpec? {
        let context = "message"
        guard let fields = reader.fields(node, context: context, optional: Keys.message, extensions: true) else { return nil }
        var spec = MessageSpec()
        if let headers = fields["headers"] {
            warn(headers, "message headers are not generated: the service sends and reads records without typed headers")
        }
        if let correlation = fields["correlationId"] {
            warn(correlation, "correlationId is not generated")
        }
        if let traits = fields["traits"] {
            warn(traits, "message traits are not applied; write their fields into the message")
        }
        if let bindings = fields["bindings"].flatMap({ reader.fields($0, context: "\(context).bindings", anyKeys: true) }) {
            for key in bindings.keys where key != "kafka" {
                if let keyNode = bindings.keyNodes[key] { warn(keyNode, "the \(key) message binding is ignored: the service speaks Kafka only") }
            }
            if let kafka = bindings["kafka"].flatMap({ reader.fields($0, context: "\(context).bindings.kafka", optional: Keys.kafkaMessage) }) {
                if let keyNode = kafka["key"] { spec.key = keyType(keyNode) }
                readSchemaIDBindings(kafka, into: &spec)
            }
        } else {
            note(reference, "the message has no bindings.kafka.key: keys are text")
        }
        guard let payload = fields["payload"] else {
            note(reference, "the message has no payload: values are JSON")
            return spec
        }
        guard let value = valueFormat(payload, contentType: fields["contentType"]) else { return nil }
        spec.value = value
        if value == .json, spec.registry != SchemaRegistrySpec() {
            // Only Avro values go through the registry; a JSON service keeps the defaults so its spec stays valid.
            spec.registry = SchemaRegistrySpec()
            warn(payload, "schemaLookupStrategy is ignored: JSON values are not registered in a schema registry")
        }
        return spec
    }

    private func keyType(_ node: Node) -> MessageSpec.KeyType {
        if let schema = resolve(node), case .mapping(let mapping) = schema, let type = mapping["type"]?.scalar?.string, type == "string" {
            return .string
        }
        warn(node, "the key is not described as {type: string}: the service sends and reads keys as UTF-8 text")
        return .string
    }

    private func valueFormat(_ payload: Node, contentType: Node?) -> MessageSpec.ValueFormat? {
        guard let resolved = resolve(payload) else { return nil }
        if case .mapping(let mapping) = resolved, let formatNode = mapping["schemaFormat"] {
            guard let format = reader.string(formatNode, field: "payload.schemaFormat") else { return nil }
            let base = format.split(separator: ";").first.map { String($0).trimmingWhitespace() } ?? format
            guard let schemaNode = mapping["schema"] else {
                reader.record(.missingKey(reader.location(of: resolved), key: "schema", context: "a payload with a schemaFormat"))
                return nil
            }
            if Self.avroFormats.contains(base) { return avroSchema(schemaNode) }
            guard Self.jsonSchemaFormats.contains(base) else {
                fail(formatNode, feature: "the payload format '\(format)'", advice: "Describe payloads with JSON Schema (values are JSON) or an Avro schema.")
                return nil
            }
        }
        if let contentType, let type = reader.string(contentType, field: "contentType"), type != "application/json" {
            warn(contentType, "contentType \(type) is not produced: values are JSON (application/json)")
        }
        return .json
    }

    private func avroSchema(_ node: Node) -> MessageSpec.ValueFormat? {
        let location = reader.location(of: node)
        if let ref = reference(node), !ref.hasPrefix("#") {
            let path = String(ref.split(separator: "#", maxSplits: 1).first ?? Substring(ref))
            return AvroSchemaReader.read(path: path, relativeTo: baseDirectory, at: location, reader: reader).map { .avro($0) }
        }
        guard let schema = resolve(node) else { return nil }
        guard case .mapping(let mapping) = schema, let data = try? JSONSerialization.data(withJSONObject: Self.json(schema), options: [.sortedKeys, .prettyPrinted]),
            let text = String(data: data, encoding: .utf8)
        else {
            reader.record(.invalidValue(location, field: "payload.schema", value: "…", expected: "an Avro schema: a mapping with a type, or a $ref to a .avsc file"))
            return nil
        }
        guard AvroSchemaReader.check(text, at: location, reader: reader, field: "payload.schema", shown: "the inline schema") else { return nil }
        let name = mapping["name"]?.scalar?.string ?? "value"
        let fileName = name.split(separator: ".").last.map(String.init).map { $0 + ".avsc" } ?? "value.avsc"
        return .avro(AvroSchemaFile(path: nil, fileName: fileName, text: text + "\n"))
    }

    /// Whether a scalar is YAML's null (`null`, `~` or nothing, unquoted).
    private static func isNull(_ scalar: Node.Scalar) -> Bool {
        (scalar.style == .plain || scalar.style == .any) && ["null", "Null", "NULL", "~", ""].contains(scalar.string)
    }

    /// A YAML tree as JSON-serialisable values, with YAML's resolved scalar types.
    private static func json(_ node: Node) -> Any {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain || scalar.style == .any {
                if let value = node.int { return value }
                if let value = node.float { return value }
                if let value = node.bool { return value }
                if isNull(scalar) { return NSNull() }
            }
            return scalar.string
        case .mapping(let mapping):
            var object: [String: Any] = [:]
            for (key, value) in mapping { object[key.scalar?.string ?? ""] = json(value) }
            return object
        case .sequence(let sequence):
            return sequence.map(json)
        case .alias:
            return NSNull()
        }
    }
}

public import Foundation
import Yams
public import KafkaServiceRuntime

/// A topic a service uses, to create before it starts.
public struct TopicSpec: Sendable, Hashable, Codable {
    /// What a service does with a topic.
    public enum Direction: String, Sendable, Hashable, Codable {
        /// It reads the topic: verify produces its input when no example of the lesson does.
        case input
        /// It writes the topic.
        case output
        /// It sets failing records aside there.
        case deadLetter = "dead-letter"
    }

    /// The topic's name.
    public var name: String
    /// How many partitions; `nil` for the runner's default.
    public var partitions: Int?
    /// What the service does with it, when the spec says (`direction:`, or a dead-letter key or name).
    public var direction: Direction?

    /// Creates a topic spec.
    public init(name: String, partitions: Int? = nil, direction: Direction? = nil) {
        self.name = name
        self.partitions = partitions
        self.direction = direction
    }
}

/// What is known about a service before it runs (from its service spec); its `startup_complete` event
/// completes it at run time.
public struct ServiceDescription: Sendable, Hashable, Codable {
    /// What it does, if known.
    public var role: ServiceRole?
    /// Topics it uses.
    public var topics: [TopicSpec]
    /// Its consumer group, if any.
    public var group: String?
    /// How it encodes values when they are Avro records in the registry's wire format; `nil` for text.
    public var avroValues: AvroValues?

    /// An example's Avro values, from its spec's `messages.value` (`format: avro`).
    public struct AvroValues: Sendable, Hashable, Codable {
        /// The writer's (or, for a reader, the reader's) schema file.
        public var schemaFile: URL
        /// The subject name strategy: `topic`, `record` or `topic-record`.
        public var subjectStrategy: String
        /// Whether the service registers its schema itself.
        public var autoRegister: Bool

        /// Creates a description of Avro values.
        public init(schemaFile: URL, subjectStrategy: String = "topic", autoRegister: Bool = false) {
            self.schemaFile = schemaFile
            self.subjectStrategy = subjectStrategy
            self.autoRegister = autoRegister
        }
    }

    /// The topics it writes or sets records aside in, by the spec: never its input.
    public var writtenTopics: Set<String> {
        Set(topics.filter { $0.direction == .output || $0.direction == .deadLetter }.map(\.name))
    }

    /// Creates a description.
    public init(role: ServiceRole? = nil, topics: [TopicSpec] = [], group: String? = nil, avroValues: AvroValues? = nil) {
        self.role = role
        self.topics = topics
        self.group = group
        self.avroValues = avroValues
    }
}

/// An example package to build and run.
public struct ExampleSource: Sendable, Hashable {
    /// The name lesson specs use (its folder under `examples/`).
    public var name: String
    /// The package folder.
    public var packageDirectory: URL
    /// Extra environment for its processes, on top of what the runner sets.
    public var environment: [String: String]
    /// What is known about it before it runs.
    public var service: ServiceDescription

    /// Creates an example source.
    public init(name: String, packageDirectory: URL, environment: [String: String] = [:], service: ServiceDescription = ServiceDescription()) {
        self.name = name
        self.packageDirectory = packageDirectory
        self.environment = environment
        self.service = service
    }
}

/// Finds the examples lesson plans name: `examples/<name>/Package.swift`, described by `specs/<name>.yaml`
/// when that service spec exists.
///
/// From a service spec, verify reads only what it needs before the service starts: `role` (producer,
/// consumer or processor), the topics (`topics:` and any key whose name contains `topic`, as a name or as
/// a mapping with `name`, `partitions` and `direction: input|output`; a key or name with `deadLetter` or
/// `dlq` marks a dead-letter topic) and the consumer group (`group`, `groupId` or `consumerGroup`, at any
/// depth). Avro values (`messages.value: {format: avro, schema: FILE, registry: {subjectStrategy, autoRegister}}`)
/// make verify run a schema registry for the lesson. The rest comes from the service's own `startup_complete` event.
public struct ExampleCatalog: Sendable {
    /// The folder of example packages.
    public var examplesDirectory: URL
    /// The folder of service specs.
    public var specsDirectory: URL
    /// Examples given explicitly, by name; they win over the folders.
    public var overrides: [String: ExampleSource]

    /// Creates a catalog.
    /// - Parameters:
    ///   - projectRoot: The project folder holding `examples/` and `specs/`.
    ///   - overrides: Examples given explicitly, by name.
    public init(projectRoot: URL, overrides: [String: ExampleSource] = [:]) {
        examplesDirectory = projectRoot.appendingPathComponent("examples")
        specsDirectory = projectRoot.appendingPathComponent("specs")
        self.overrides = overrides
    }

    /// The example with this name, or `nil` when it does not exist yet.
    public func locate(_ name: String) -> ExampleSource? {
        if let source = overrides[name] { return source }
        let folder = examplesDirectory.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) else { return nil }
        return ExampleSource(name: name, packageDirectory: folder, service: describe(name))
    }

    /// The service description from `specs/<name>.yaml`, or an empty one when there is none to read.
    public func describe(_ name: String) -> ServiceDescription {
        for candidate in ["\(name).yaml", "\(name).yml"] {
            let url = specsDirectory.appendingPathComponent(candidate)
            guard let text = try? String(contentsOf: url, encoding: .utf8), let node = try? Yams.compose(yaml: text) else { continue }
            return ServiceSpecReading.describe(node, specDirectory: specsDirectory)
        }
        return ServiceDescription()
    }
}

/// Pulls role, topics and group out of a service spec without depending on its exact shape.
enum ServiceSpecReading {
    static func describe(_ root: Node, specDirectory: URL) -> ServiceDescription {
        var description = ServiceDescription()
        if let value = root.mapping?["messages"]?.mapping?["value"]?.mapping, value["format"]?.string?.lowercased() == "avro",
           let schema = value["schema"]?.string {
            let registry = value["registry"]?.mapping
            description.avroValues = ServiceDescription.AvroValues(
                schemaFile: specDirectory.appendingPathComponent(schema).standardizedFileURL,
                subjectStrategy: registry?["subjectStrategy"]?.string ?? "topic",
                autoRegister: registry?["autoRegister"]?.bool ?? false)
        }
        if let role = root.mapping?["role"]?.string { description.role = ServiceRole(rawValue: role.lowercased()) }
        var found: [String: TopicSpec] = [:]
        var order: [String] = []
        func add(_ name: String, _ partitions: Int?, _ direction: TopicSpec.Direction?) {
            guard !name.isEmpty else { return }
            let lowered = name.lowercased()
            let guessed = direction ?? (lowered.hasSuffix("dlq") || lowered.contains("dead-letter") ? .deadLetter : nil)
            if var known = found[name] {
                known.partitions = known.partitions ?? partitions
                known.direction = known.direction ?? guessed
                found[name] = known
            } else {
                order.append(name)
                found[name] = TopicSpec(name: name, partitions: partitions, direction: guessed)
            }
        }
        func topic(from node: Node, _ direction: TopicSpec.Direction?) {
            if let name = node.string {
                add(name, nil, direction)
            } else if let mapping = node.mapping, let name = (mapping["name"] ?? mapping["topic"])?.string {
                let stated = (mapping["direction"] ?? mapping["role"])?.string.flatMap { TopicSpec.Direction(rawValue: $0.lowercased()) }
                add(name, mapping["partitions"]?.int, stated ?? direction)
            } else if let sequence = node.sequence {
                for item in sequence { topic(from: item, direction) }
            }
        }
        func walk(_ node: Node) {
            if let mapping = node.mapping {
                for (key, value) in mapping {
                    guard let name = key.string else { continue }
                    let lowered = name.lowercased()
                    if lowered.contains("topic") && !lowered.contains("config") {
                        let deadLetter = lowered.contains("deadletter") || lowered.contains("dlq")
                        topic(from: value, deadLetter ? .deadLetter : nil)
                    }
                    if description.group == nil, ["group", "groupid", "consumergroup", "group.id"].contains(lowered), let group = value.string {
                        description.group = group
                    }
                    walk(value)
                }
            } else if let sequence = node.sequence {
                sequence.forEach(walk)
            }
        }
        walk(root)
        description.topics = order.compactMap { found[$0] }
        return description
    }
}

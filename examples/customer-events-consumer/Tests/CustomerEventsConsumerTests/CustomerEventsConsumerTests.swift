import Avro
import EmbeddedKafka
import Foundation
import Kafka
import KafkaServiceRuntime
import KafkaServiceTesting
import Logging
import SchemaRegistry
import SchemaRegistryServer
import Testing
@testable import CustomerEventsConsumer

@Suite("customer-events-consumer against the embedded cluster and schema registry", .timeLimit(.minutes(2)))
struct CustomerEventsConsumerTests {
    let logger: Logger = {
        var logger = Logger(label: "customer-events-consumer-tests")
        logger.logLevel = .critical
        return logger
    }()

    /// The environment the service would get: `cluster` and the registry at `registryURL`, fresh topics and
    /// group, and events written to a temporary file; `overrides` adds variables.
    func environment(
        for cluster: EmbeddedCluster, registryURL: URL, _ overrides: [String: String] = [:]
    ) throws -> [String: String] {
        let suffix = UInt32.random(in: 0...UInt32.max)
        let group = "customer-events-consumers-\(suffix)"
        var environment = [
            "KAFKA_BOOTSTRAP_SERVERS": cluster.bootstrapServers,
            "SCHEMA_REGISTRY_URL": registryURL.absoluteString,
            "KAFKA_GROUP_ID": group,
            "KAFKA_INPUT_TOPICS": "customer-events-\(suffix)",
            "KAFKA_DEAD_LETTER_TOPIC": "customer-events-dlq-\(suffix)",
            "EXIT_AFTER_IDLE_MS": "3000",
            "RETRY_BACKOFF_MS": "1",
            "KAFKA_SKILL_EVENTS": FileManager.default.temporaryDirectory.appendingPathComponent("\(group).jsonl").path,
        ]
        environment.merge(overrides) { _, override in override }
        try cluster.createTopic("customer-events-\(suffix)", partitions: 6, replicationFactor: 3)
        try cluster.createTopic("customer-events-dlq-\(suffix)", partitions: 1, replicationFactor: 3)
        return environment
    }

    /// The service's schema with one more field, `addedLater`, that has a default: what a producer of the next,
    /// BACKWARD-compatible version of the schema writes.
    func newerSchema() throws -> AvroSchema {
        let schema = try AvroSchema(parsing: CustomerEvent.schemaText)
        guard case .record(var record) = schema else {
            Issue.record("the service's schema is not a record")
            return schema
        }
        record.fields.append(AvroSchema.Field(name: "addedLater", type: .string, defaultValue: .string("")))
        return .record(record)
    }

    /// Sends ``CustomerEvent/sample(_:)`` records `0..<count` with keys `key-<number mod 10>`, in the wire
    /// format, written with the service's schema or, when `newer`, with ``newerSchema()``; then `malformed` values
    /// that are plain text, not in the wire format.
    func produce(
        _ count: Int, to topic: String, on cluster: EmbeddedCluster, registryURL: String, newer: Bool = false, malformed: Int = 0
    ) async throws {
        let schema = try AvroSchema(parsing: CustomerEvent.schemaText)
        let writer = newer ? try newerSchema() : schema
        let client = SchemaRegistryClient(configuration: .init(baseURL: try #require(URL(string: registryURL))))
        var configuration = AvroSerializer.Configuration.development
        configuration.subjectNameStrategy = .topicName
        let serializer = try AvroSerializer(client: client, schema: writer, configuration: configuration)
        // Resolution from the service's schema to the newer one fills the added field with its default.
        let upgrade = try AvroBinaryDecoder(writer: schema, reader: writer)
        let encoder = try AvroEncoder(schema: schema)
        // Each send waits for its delivery report, so a lost input fails here rather than as a short count
        // later; with nothing to batch, lingering would only delay every report.
        var producerConfig = try KafkaConfig(["enable.idempotence": "true", "linger.ms": "0"])
        producerConfig.bootstrapServers = [cluster.bootstrapServers]
        let producer = try KafkaProducer(config: producerConfig, logger: logger)
        for number in 0..<count {
            let value = try upgrade.decode(try encoder.encode(CustomerEvent.sample(number)))
            let bytes = try await serializer.serialize(value, topic: topic)
            try await producer.send(KafkaProducerMessage(topic: topic, key: Array("key-\(number % 10)".utf8), value: bytes))
        }
        for number in 0..<malformed {
            try await producer.send(KafkaProducerMessage(topic: topic, key: "malformed-\(number)", value: "not avro \(number)"))
        }
        await producer.shutdown()
    }

    /// Starts the worker, sends records `0..<count` once it has partitions, and waits until it has been idle for
    /// `EXIT_AFTER_IDLE_MS`; returns the events it wrote.
    ///
    /// Sending only after the assignment matters for presets with `auto.offset.reset=latest` (at-most-once),
    /// where a new group starts at the end of each partition.
    func run(
        _ environment: [String: String], producing count: Int, on cluster: EmbeddedCluster, newer: Bool = false, malformed: Int = 0
    ) async throws -> EventLines {
        let settings = try ServiceSettings(reading: EnvironmentReader(environment: environment))
        let path = try #require(environment["KAFKA_SKILL_EVENTS"])
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await start(settings, environment, eventsAt: path) {
            try await produce(
                count, to: settings.inputTopics[0], on: cluster, registryURL: settings.schemaRegistryURL.absoluteString,
                newer: newer, malformed: malformed)
        }
        return try EventLines(contentsOf: path)
    }

    @Test("every record produced is decoded and processed, and the offsets are committed")
    func processesEveryRecord() async throws {
        let cluster = try EmbeddedCluster(brokers: 3)
        defer { cluster.shutdown() }
        let count = 300
        try await SchemaRegistryServer.withTemporaryRegistry(bootstrapServers: cluster.bootstrapServers, logger: logger) { registryURL in
            let environment = try self.environment(for: cluster, registryURL: registryURL)

            let lines = try await run(environment, producing: count, on: cluster)

            let processed = lines.named("record_data").compactMap { $0["value"] as? String }
            #expect(Set(processed) == Set((0..<count).map { CustomerEvent.sample($0).eventValue }))
            let commits = lines.named("offsets_committed").filter { $0["success"] as? Bool == true }
            #expect(!commits.isEmpty)
            #expect(lines.lines.last?["name"] as? String == "shutdown_complete")
        }
    }

    @Test("records written with a newer schema that adds a defaulted field are read with this one")
    func readsANewerCompatibleSchema() async throws {
        let cluster = try EmbeddedCluster(brokers: 3)
        defer { cluster.shutdown() }
        let count = 100
        try await SchemaRegistryServer.withTemporaryRegistry(bootstrapServers: cluster.bootstrapServers, logger: logger) { registryURL in
            let environment = try self.environment(for: cluster, registryURL: registryURL)

            let lines = try await run(environment, producing: count, on: cluster, newer: true)

            let processed = lines.named("record_data").compactMap { $0["value"] as? String }
            #expect(Set(processed) == Set((0..<count).map { CustomerEvent.sample($0).eventValue }))
            #expect(lines.named("dead_letter").isEmpty)
        }
    }

    @Test("records that fail every retry go to the dead-letter topic unchanged; none is lost")
    func deadLettersFailedRecords() async throws {
        let cluster = try EmbeddedCluster(brokers: 3)
        defer { cluster.shutdown() }
        let count = 200
        try await SchemaRegistryServer.withTemporaryRegistry(bootstrapServers: cluster.bootstrapServers, logger: logger) { registryURL in
            let environment = try self.environment(for: cluster, registryURL: registryURL, ["FAIL_EVERY": "10", "PROCESSING_RETRIES": "2"])

            let lines = try await run(environment, producing: count, on: cluster)

            let processed = Set(lines.named("record_data").compactMap { $0["value"] as? String })
            let deadLettered = Set(lines.named("dead_letter").compactMap { $0["value"] as? String })
            #expect(deadLettered.count == count / 10)
            #expect(processed.isDisjoint(with: deadLettered))
            #expect(processed.union(deadLettered) == Set((0..<count).map { CustomerEvent.sample($0).eventValue }))
            let parked = try await TopicReader.readAll(
            try #require(environment["KAFKA_DEAD_LETTER_TOPIC"]), partitions: 1,
            bootstrapServers: cluster.bootstrapServers, logger: logger)
            let client = SchemaRegistryClient(configuration: .init(baseURL: registryURL))
            let deserializer = AvroDeserializer(client: client, readerSchema: try AvroSchema(parsing: CustomerEvent.schemaText))
            var parkedValues: Set<String> = []
            for record in parked {
                parkedValues.insert(try await deserializer.deserialize(CustomerEvent.self, from: record.value ?? []).eventValue)
            }
            #expect(parkedValues == deadLettered)
            #expect(parked.allSatisfy { record in record.headers.contains { $0.name == "dlq.error" } })
        }
    }

    @Test("a value not in the wire format goes to the dead-letter topic at once, reported with an empty value")
    func deadLettersMalformedValues() async throws {
        let cluster = try EmbeddedCluster(brokers: 3)
        defer { cluster.shutdown() }
        let count = 50
        try await SchemaRegistryServer.withTemporaryRegistry(bootstrapServers: cluster.bootstrapServers, logger: logger) { registryURL in
            let environment = try self.environment(for: cluster, registryURL: registryURL)

            let lines = try await run(environment, producing: count, on: cluster, malformed: 2)

            let processed = Set(lines.named("record_data").compactMap { $0["value"] as? String })
            #expect(processed == Set((0..<count).map { CustomerEvent.sample($0).eventValue }))
            let deadLetters = lines.named("dead_letter")
            #expect(deadLetters.count == 2)
            #expect(deadLetters.allSatisfy { $0["value"] as? String == "" })
            // A permanent failure, dead-lettered without retries: these bytes will never decode.
            #expect(deadLetters.allSatisfy { ($0["error"] as? String)?.contains("cannot be read") == true })
            let parked = try await TopicReader.readAll(
            try #require(environment["KAFKA_DEAD_LETTER_TOPIC"]), partitions: 1,
            bootstrapServers: cluster.bootstrapServers, logger: logger)
            #expect(Set(parked.compactMap(\.valueString)) == ["not avro 0", "not avro 1"])
        }
    }

    /// Runs the worker with `settings` and `environment`; once it has partitions, runs `input`; returns when
    /// the worker has stopped after `EXIT_AFTER_IDLE_MS` without records.
    func start(
        _ settings: ServiceSettings, _ environment: [String: String], eventsAt path: String, input: () async throws -> Void
    ) async throws {
        let context = try ServiceContext(name: ServiceSettings.serviceName, variables: environment)
        let service = Task { try await Application(settings: settings, context: context).run(gracefulShutdownSignals: []) }
        let assigned = await waitUntil { (try? EventLines(contentsOf: path).named("partitions_assigned").isEmpty == false) ?? false }
        guard assigned else {
            service.cancel()
            Issue.record("no partitions_assigned event within 30 s")
            return
        }
        try await input()
        try await service.value
    }
}

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
@testable import CustomerEventsProducerV1

@Suite("customer-events-producer-v1 against the embedded cluster and schema registry", .timeLimit(.minutes(2)))
struct CustomerEventsProducerV1Tests {
    let logger: Logger = {
        var logger = Logger(label: "customer-events-producer-v1-tests")
        logger.logLevel = .critical
        return logger
    }()

    /// The environment the service would get: `cluster`, the registry at `registryURL`, a fresh topic,
    /// `count` synthetic records, and events written to a temporary file.
    func environment(for cluster: EmbeddedCluster, registryURL: URL, count: Int) throws -> [String: String] {
        let topic = "customer-events-\(UInt32.random(in: 0...UInt32.max))"
        try cluster.createTopic(topic, partitions: 6, replicationFactor: 3)
        return [
            "KAFKA_BOOTSTRAP_SERVERS": cluster.bootstrapServers, "SCHEMA_REGISTRY_URL": registryURL.absoluteString,
            "KAFKA_TOPIC": topic, "PRODUCE_COUNT": String(count),
            "KAFKA_SKILL_EVENTS": FileManager.default.temporaryDirectory.appendingPathComponent("\(topic).jsonl").path,
        ]
    }

    @Test("sends PRODUCE_COUNT records in the wire format; each is acknowledged once and decodes back once")
    func sendsEveryRecord() async throws {
        let cluster = try EmbeddedCluster(brokers: 3)
        defer { cluster.shutdown() }
        let count = 200
        let schema = try AvroSchema(parsing: CustomerEvent.schemaText)
        try await SchemaRegistryServer.withTemporaryRegistry(bootstrapServers: cluster.bootstrapServers, logger: logger) { registryURL in
            let environment = try self.environment(for: cluster, registryURL: registryURL, count: count)
            let settings = try ServiceSettings(reading: EnvironmentReader(environment: environment))
            let eventsPath = try #require(environment["KAFKA_SKILL_EVENTS"])
            defer { try? FileManager.default.removeItem(atPath: eventsPath) }
            let client = SchemaRegistryClient(configuration: .init(baseURL: registryURL))
            // As CI would before a deployment: the service itself only looks its schema up.
            let subject = try SubjectNameStrategy.topicName.subject(topic: settings.topic, isKey: false, schema: schema)
            _ = try await client.register(schema, subject: subject)

            let context = try ServiceContext(name: ServiceSettings.serviceName, variables: environment)
            try await Application(settings: settings, context: context).run(gracefulShutdownSignals: [])

            let expected = Set((0..<count).map { CustomerEvent.sample($0).eventValue })
            let records = try await TopicReader.readAll(
                settings.topic, partitions: 6, bootstrapServers: cluster.bootstrapServers, logger: logger)
            let deserializer = AvroDeserializer(client: client, readerSchema: schema)
            var decoded: [CustomerEvent] = []
            for record in records {
                decoded.append(try await deserializer.deserialize(CustomerEvent.self, from: record.value ?? []))
            }
            #expect(decoded.count == count)
            #expect(Set(decoded.map(\.eventValue)) == expected)
            #expect(Set(decoded) == Set((0..<count).map(CustomerEvent.sample)))
            let lines = try EventLines(contentsOf: eventsPath)
            let acknowledged = lines.strings("value", of: "producer_send_success")
            #expect(acknowledged.count == count)
            #expect(Set(acknowledged) == expected)
            #expect(lines.lines.first?["name"] as? String == "startup_complete")
            #expect(lines.lines.first?["outputTopics"] as? [String] == [settings.topic])
            #expect(lines.lines.last?["name"] as? String == "shutdown_complete")
        }
    }

    @Test("without its schema registered, the service stops at startup and names the subject to register it under")
    func stopsWhenTheSchemaIsNotRegistered() async throws {
        let cluster = try EmbeddedCluster(brokers: 3)
        defer { cluster.shutdown() }
        let schema = try AvroSchema(parsing: CustomerEvent.schemaText)
        try await SchemaRegistryServer.withTemporaryRegistry(bootstrapServers: cluster.bootstrapServers, logger: logger) { registryURL in
            var environment = try self.environment(for: cluster, registryURL: registryURL, count: 10)
            environment["KAFKA_SKILL_EVENTS"] = nil
            let settings = try ServiceSettings(reading: EnvironmentReader(environment: environment))
            let subject = try SubjectNameStrategy.topicName.subject(topic: settings.topic, isKey: false, schema: schema)
            let context = try ServiceContext(name: ServiceSettings.serviceName, variables: environment)

            let error = await #expect(throws: SchemaNotRegistered.self) {
                try await Application(settings: settings, context: context).run(gracefulShutdownSignals: [])
            }

            #expect(error?.description.contains("'\(subject)'") == true)
            let records = try await TopicReader.readAll(
                settings.topic, partitions: 6, bootstrapServers: cluster.bootstrapServers, logger: logger)
            #expect(records.isEmpty)
        }
    }
}

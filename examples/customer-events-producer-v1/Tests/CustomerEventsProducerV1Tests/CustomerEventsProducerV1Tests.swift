import Avro
import EmbeddedKafka
import Foundation
import Kafka
import Logging
import SchemaRegistry
import Testing
@testable import CustomerEventsProducerV1

@Suite("customer-events-producer-v1 against the embedded cluster and schema registry", .timeLimit(.minutes(2)))
struct CustomerEventsProducerV1Tests {
    let logger: Logger = {
        var logger = Logger(label: "customer-events-producer-v1-tests")
        logger.logLevel = .critical
        return logger
    }()

    /// Settings pointing at `cluster` and the registry at `registryURL`, with a fresh topic and events written to
    /// a temporary file.
    func settings(for cluster: EmbeddedCluster, registryURL: URL, count: Int) throws -> ServiceSettings {
        var settings = ServiceSettings()
        settings.bootstrapServers = [cluster.bootstrapServers]
        settings.schemaRegistryURL = registryURL.absoluteString
        settings.topic = "customer-events-\(UInt32.random(in: 0...UInt32.max))"
        settings.produceCount = count
        settings.events = .file(path: FileManager.default.temporaryDirectory.appendingPathComponent("\(settings.topic).jsonl").path)
        try cluster.createTopic(settings.topic, partitions: 6, replicationFactor: 3)
        return settings
    }

    @Test("sends PRODUCE_COUNT records in the wire format; each is acknowledged once and decodes back once")
    func sendsEveryRecord() async throws {
        let cluster = try EmbeddedCluster(brokers: 3)
        defer { cluster.shutdown() }
        let count = 200
        let schema = try AvroSchema(parsing: CustomerEvent.schemaText)
        try await TestRegistry.run(on: cluster, logger: logger) { registryURL in
            let settings = try self.settings(for: cluster, registryURL: registryURL, count: count)
            guard case .file(let eventsPath) = settings.events else { return }
            defer { try? FileManager.default.removeItem(atPath: eventsPath) }
            let client = SchemaRegistryClient(configuration: .init(baseURL: registryURL))
            // As CI would before a deployment: the service itself only looks its schema up.
            let subject = try SubjectNameStrategy.topicName.subject(topic: settings.topic, isKey: false, schema: schema)
            _ = try await client.register(schema, subject: subject)

            let events = try EventLog(destination: settings.events, service: ServiceSettings.serviceName, logger: logger)
            try await Application(settings: settings, logger: logger, events: events).run(gracefulShutdownSignals: [])

            let expected = Set((0..<count).map { CustomerEvent.sample($0).eventValue })
            let records = try await TopicReader.readAll(settings.topic, partitions: 6, from: cluster, logger: logger)
            let deserializer = AvroDeserializer(client: client, readerSchema: schema)
            var decoded: [CustomerEvent] = []
            for record in records {
                decoded.append(try await deserializer.deserialize(CustomerEvent.self, from: record.value ?? []))
            }
            #expect(decoded.count == count)
            #expect(Set(decoded.map(\.eventValue)) == expected)
            #expect(Set(decoded) == Set((0..<count).map(CustomerEvent.sample)))
            let lines = try EventLines(contentsOf: eventsPath)
            let acknowledged = lines.named("producer_send_success").compactMap { $0["value"] as? String }
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
        try await TestRegistry.run(on: cluster, logger: logger) { registryURL in
            let settings = try self.settings(for: cluster, registryURL: registryURL, count: 10)
            let subject = try SubjectNameStrategy.topicName.subject(topic: settings.topic, isKey: false, schema: schema)
            let events = try EventLog(destination: .disabled, service: ServiceSettings.serviceName, logger: logger)

            let error = await #expect(throws: SchemaNotRegistered.self) {
                try await Application(settings: settings, logger: logger, events: events).run(gracefulShutdownSignals: [])
            }

            #expect(error?.description.contains("'\(subject)'") == true)
            let records = try await TopicReader.readAll(settings.topic, partitions: 6, from: cluster, logger: logger)
            #expect(records.isEmpty)
        }
    }
}

import KafkaSkillModel
import Avro
import Foundation
import EmbeddedKafka
import Kafka
import SchemaRegistry
import SchemaRegistryServer
import ServiceLifecycle
import Testing
import Verify
import KafkaServiceRuntime

@Suite("Avro examples: their spec is read, and the drain reads their values as the services report them")
struct AvroValuesTests {
    @Test("an example whose spec says format avro names its schema file, subject strategy and registration")
    func specReading() throws {
        let folder = try TestProject.make([
            "examples/events/Package.swift": "// swift-tools-version:6.1\n",
            "examples/plain/Package.swift": "// swift-tools-version:6.1\n",
            "specs/schemas/event.avsc": #"{"type": "record", "name": "E", "fields": [{"name": "id", "type": "long"}]}"#,
            "specs/events.yaml": """
                name: events
                role: producer
                topics: [{name: events, partitions: 2}]
                messages:
                  value:
                    format: avro
                    schema: schemas/event.avsc
                    registry: {subjectStrategy: topic-record, autoRegister: true}
                """,
            "specs/plain.yaml": "name: plain\nrole: producer\ntopics: [plain]\nmessages: {value: {format: json}}\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let catalog = ExampleCatalog(projectRoot: folder)
        let avro = try #require(catalog.locate("events")?.service.avroValues)
        #expect(avro.schemaFile.path == folder.appendingPathComponent("specs/schemas/event.avsc").standardizedFileURL.path)
        #expect(avro.subjectStrategy == "topic-record")
        #expect(avro.autoRegister)
        #expect(catalog.locate("plain")?.service.avroValues == nil)
    }

    @Test("records framed for the registry are drained as their first field, other values as text")
    func drainIdentity() async throws {
        let cluster = try EmbeddedCluster(brokers: 1, logger: SimulatedServices.logger)
        defer { cluster.shutdown() }
        try cluster.createTopic("customers", partitions: 2, replicationFactor: 1)
        let registry = SchemaRegistryServer(
            configuration: .init(bootstrapServers: cluster.bootstrapServers, port: 0), logger: SimulatedServices.logger)
        let group = ServiceGroup(configuration: .init(services: [registry], logger: SimulatedServices.logger))
        let running = Task { try await group.run() }
        defer { running.cancel() }
        let url = try await registry.serverURL()
        let schema = try AvroSchema(parsing: """
            {"type": "record", "name": "Customer", "fields": [
              {"name": "id", "type": "long"}, {"name": "name", "type": "string"}]}
            """)
        let client = SchemaRegistryClient(configuration: .init(baseURL: url))
        let serializer = try AvroSerializer(client: client, schema: schema, configuration: .development)
        var config = try KafkaConfig(["acks": "all"])
        config.bootstrapServers = [cluster.bootstrapServers]
        let producer = try KafkaProducer(config: config, logger: SimulatedServices.logger)
        for id in 0..<20 {
            let bytes = try await serializer.serialize(.record(["id": .long(Int64(id)), "name": .string("c\(id)")]), topic: "customers")
            _ = try await producer.send(KafkaProducerMessage(topic: "customers", key: Array("k\(id % 3)".utf8), value: bytes))
        }
        _ = try await producer.send(KafkaProducerMessage(topic: "customers", key: "k0", value: "not avro"))
        await producer.shutdown()

        let drain = await FinalDrain.run(
            bootstrapServers: cluster.bootstrapServers, topics: ["customers"], avroValues: AvroValueIdentity(registryURL: url),
            logger: SimulatedServices.logger)
        #expect(drain.incomplete.isEmpty)
        #expect(Set(drain.records.map(\.value)) == Set((0..<20).map(String.init) + ["not avro"]))
        let plain = await FinalDrain.run(bootstrapServers: cluster.bootstrapServers, topics: ["customers"], logger: SimulatedServices.logger)
        #expect(plain.records.filter { $0.value.utf8.first == 0 }.count == 20)

        await group.triggerGracefulShutdown()
        _ = await running.result
    }

    @Test("the identity of a record is its first field when that is an integer or text, and nothing otherwise")
    func identityRule() {
        #expect(AvroValueIdentity.identity(of: .record(["n": .int(7), "x": .null])) == "7")
        #expect(AvroValueIdentity.identity(of: .record(["id": .string("order-9")])) == "order-9")
        #expect(AvroValueIdentity.identity(of: .record(["flag": .boolean(true)])) == nil)
        #expect(AvroValueIdentity.identity(of: .long(3)) == nil)
    }
}

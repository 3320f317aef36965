import Avro
import Foundation
import EmbeddedKafka
import Kafka
import SchemaRegistry
import Testing

private struct UserV1: Codable, Equatable {
    var id: Int64
    var name: String
}

private struct UserV2: Codable, Equatable {
    var id: Int64
    var name: String
    var country: String
}

@Suite("Wire format and serde: Avro values through the registry and a real topic")
struct SerdeTests {
    @Test("the wire format frames the id big-endian after magic byte 0, as in Confluent's example")
    func wireFormatVector() throws {
        let schema = try AvroSchema(parsing: #"{"type": "record", "name": "R", "fields": [{"name": "name", "type": "string"}]}"#)
        let payload = try AvroBinaryEncoder(schema: schema).encode(.record(["name": .string("fooo")]))
        let framed = ConfluentWireFormat.frame(schemaID: 1337, payload: payload)
        #expect(framed == [0x00, 0x00, 0x00, 0x05, 0x39, 0x08, 0x66, 0x6f, 0x6f, 0x6f])
        #expect(try ConfluentWireFormat.schemaID(of: framed) == 1337)
        #expect(try ConfluentWireFormat.schemaID(of: ConfluentWireFormat.frame(schemaID: Int32.max, payload: [])) == Int32.max)
        #expect(try ConfluentWireFormat.schemaID(of: ArraySlice([0, 0x80, 0, 0, 1])) == Int32.min + 1)
    }

    @Test("bytes without the header are refused, naming what is wrong", arguments: [
        ([UInt8](), "0 byte(s)"),
        ([0, 0, 0, 1], "4 byte(s)"),
        ([1, 0, 0, 0, 1, 2], "byte 0 is 1"),
    ])
    func malformedFrames(bytes: [UInt8], expected: String) {
        let error = #expect(throws: SchemaRegistryError.self) { try ConfluentWireFormat.schemaID(of: bytes) }
        #expect(error?.description.contains(expected) == true, "\(String(describing: error))")
    }

    @Test("v1 producer to v2 reader (defaulted field filled) and v2 producer to v1 reader, through a real topic")
    func evolutionThroughKafka() async throws {
        let cluster = try TestRegistry.makeCluster()
        let topic = TestRegistry.unique("users")
        try cluster.createTopic(topic, partitions: 1)
        try await TestRegistry.with(cluster: cluster) { client, _ async throws in
            let v1 = try AvroSchema(parsing: Schemas.userV1)
            let v2 = try AvroSchema(parsing: Schemas.userV2)
            let writerV1 = try AvroSerializer(client: client, schema: v1, configuration: .development)
            let writerV2 = try AvroSerializer(client: client, schema: v2, configuration: .development)

            var config = try KafkaConfig(["linger.ms": "0"])
            config.bootstrapServers = [cluster.bootstrapServers]
            let producer = try KafkaProducer(config: config, logger: TestRegistry.logger)
            try await producer.send(KafkaProducerMessage(
                topic: topic, partition: 0, value: try await writerV1.serialize(UserV1(id: 1, name: "Ada"), topic: topic)))
            try await producer.send(KafkaProducerMessage(
                topic: topic, partition: 0, value: try await writerV2.serialize(UserV2(id: 2, name: "Grace", country: "US"), topic: topic)))
            await producer.shutdown()
            #expect(try await client.versions(subject: "\(topic)-value") == [1, 2])

            let values = try await readValues(cluster, topic: topic, count: 2)
            let ids = try values.map { try ConfluentWireFormat.schemaID(of: $0) }
            #expect(ids[0] != ids[1])

            let readerV2 = AvroDeserializer(client: client, readerSchema: v2)
            #expect(try await readerV2.deserialize(UserV2.self, from: values[0]) == UserV2(id: 1, name: "Ada", country: "NL"))
            #expect(try await readerV2.deserialize(UserV2.self, from: values[1]) == UserV2(id: 2, name: "Grace", country: "US"))
            let generic = try await readerV2.deserialize(values[0])
            #expect(generic[field: "country"] == .string("NL"))

            let readerV1 = AvroDeserializer(client: client, readerSchema: v1)
            #expect(try await readerV1.deserialize(UserV1.self, from: values[1]) == UserV1(id: 2, name: "Grace"))
            #expect(try await readerV1.deserialize(values[1]) == .record(["id": .long(2), "name": .string("Grace")]))

            // Without a reader schema each value keeps its writer's shape.
            let asWritten = AvroDeserializer(client: client)
            #expect(try await asWritten.deserialize(values[1])[field: "country"] == .string("US"))
            #expect(try await asWritten.deserialize(values[0])[field: "country"] == nil)
        }
    }

    @Test("the production preset never registers: an unregistered schema fails, a registered one is found")
    func productionPresetLooksUp() async throws {
        let cluster = try TestRegistry.makeCluster()
        try await TestRegistry.with(cluster: cluster) { client, _ async throws in
            let schema = try AvroSchema(parsing: Schemas.order)
            #expect(AvroSerializer.Configuration.production.registration == .lookUp)
            let serializer = try AvroSerializer(client: client, schema: schema)
            let value: AvroValue = .record(["orderId": .string("o-1"), "amount": .double(9.5)])
            let error = await #expect(throws: SchemaRegistryError.self) { try await serializer.serialize(value, topic: "orders") }
            #expect(error == .subjectNotFound(subject: "orders-value"))
            #expect(try await client.subjects().isEmpty)

            let id = try await client.register(schema, subject: "orders-value")
            let bytes = try await serializer.serialize(value, topic: "orders")
            #expect(try ConfluentWireFormat.schemaID(of: bytes) == Int32(id))
            #expect(try await AvroDeserializer(client: client).deserialize(bytes) == value)

            let other = try AvroSerializer(client: client, schema: AvroSchema(parsing: Schemas.userV1))
            let unregistered = await #expect(throws: SchemaRegistryError.self) {
                try await other.serialize(UserV1(id: 1, name: "Ada"), topic: "orders")
            }
            #expect(unregistered == .schemaNotRegistered(subject: "orders-value"))
        }
    }

    @Test("use-latest-version writes with the latest version, converting values, and refuses a latest it cannot feed")
    func useLatestVersion() async throws {
        let cluster = try TestRegistry.makeCluster()
        try await TestRegistry.with(cluster: cluster) { client, _ async throws in
            _ = try await client.register(Schemas.userV1, subject: "users-value")
            let latest = try await client.register(Schemas.userV2, subject: "users-value")
            let configuration = AvroSerializer.Configuration(registration: .useLatestVersion)
            let serializer = try AvroSerializer(client: client, schema: AvroSchema(parsing: Schemas.userV1), configuration: configuration)
            let bytes = try await serializer.serialize(UserV1(id: 7, name: "Lin"), topic: "users")
            #expect(try ConfluentWireFormat.schemaID(of: bytes) == Int32(latest))
            #expect(try await AvroDeserializer(client: client).deserialize(UserV2.self, from: bytes) == UserV2(id: 7, name: "Lin", country: "NL"))

            try await client.setCompatibilityLevel(.none, subject: "people-value")
            _ = try await client.register(Schemas.userV1, subject: "people-value")
            _ = try await client.register(Schemas.userBreaking, subject: "people-value")
            let error = await #expect(throws: SchemaRegistryError.self) { try await serializer.serialize(UserV1(id: 1, name: "Ada"), topic: "people") }
            guard case let .latestVersionIncompatible(subject, version, message)? = error else {
                Issue.record("expected latestVersionIncompatible, got \(String(describing: error))")
                return
            }
            #expect(subject == "people-value")
            #expect(version == 2)
            #expect(message.contains("'email'"))
        }
    }

    @Test("decoding failures: unknown id, cut payload, a reader that cannot read the writer")
    func deserializerErrors() async throws {
        let cluster = try TestRegistry.makeCluster()
        try await TestRegistry.with(cluster: cluster) { client, _ async throws in
            let serializer = try AvroSerializer(client: client, schema: AvroSchema(parsing: Schemas.userV1), configuration: .development)
            let bytes = try await serializer.serialize(UserV1(id: 300, name: "Ada"), topic: "users")

            let unknown = await #expect(throws: SchemaRegistryError.self) {
                try await AvroDeserializer(client: client).deserialize(ConfluentWireFormat.frame(schemaID: 999, payload: [0]))
            }
            #expect(unknown == .schemaIDNotFound(id: 999))

            let cut = await #expect(throws: SchemaRegistryError.self) { try await AvroDeserializer(client: client).deserialize(Array(bytes.dropLast(2))) }
            guard case .avro(_, .truncatedInput)? = cut else {
                Issue.record("expected a truncated-input error, got \(String(describing: cut))")
                return
            }

            let strictReader = AvroDeserializer(client: client, readerSchema: try AvroSchema(parsing: Schemas.userBreaking))
            let unreadable = await #expect(throws: SchemaRegistryError.self) { try await strictReader.deserialize(bytes) }
            guard case let .avro(_, .unresolvable(_, message))? = unreadable else {
                Issue.record("expected an unresolvable error, got \(String(describing: unreadable))")
                return
            }
            #expect(message.contains("email"))
        }
    }

    @Test("schemas and decoders are cached: once fetched, a message decodes with the registry gone")
    func cachesOutliveTheRegistry() async throws {
        let cluster = try TestRegistry.makeCluster()
        let schema = try AvroSchema(parsing: Schemas.userV1)
        let (client, bytes) = try await TestRegistry.with(cluster: cluster) { client, _ async throws in
            let serializer = try AvroSerializer(client: client, schema: schema, configuration: .development)
            let bytes = try await serializer.serialize(UserV1(id: 1, name: "Ada"), topic: "users")
            #expect(try await client.avroSchema(id: 1) == schema)
            return (client, bytes)
        }
        #expect(try await client.avroSchema(id: 1) == schema)
        #expect(try await client.schema(id: 1) == schema.jsonString)
        #expect(try await client.register(schema, subject: "users-value") == 1)
        #expect(try await AvroDeserializer(client: client).deserialize(UserV1.self, from: bytes) == UserV1(id: 1, name: "Ada"))
        let gone = await #expect(throws: SchemaRegistryError.self) { try await client.subjects() }
        guard case .transport? = gone else {
            Issue.record("expected a transport error, got \(String(describing: gone))")
            return
        }
    }

    private func readValues(_ cluster: EmbeddedCluster, topic: String, count: Int) async throws -> [[UInt8]] {
        var config = try KafkaConfig(["group.id": TestRegistry.unique("readers"), "enable.auto.commit": "false"])
        config.bootstrapServers = [cluster.bootstrapServers]
        let consumer = try KafkaConsumer(config: config, logger: TestRegistry.logger)
        try consumer.assign([KafkaTopicPartitionOffset(topic: topic, partition: 0, offset: KafkaOffset.beginning)])
        var values: [[UInt8]] = []
        for try await message in consumer.messages {
            values.append(message.value ?? [])
            if values.count == count { break }
        }
        await consumer.close()
        return values
    }
}

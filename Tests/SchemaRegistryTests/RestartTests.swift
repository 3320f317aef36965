import Avro
import Foundation
import EmbeddedKafka
import Kafka
import SchemaRegistry
import SchemaRegistryServer
import Testing

@Suite("Restart: the registry lives in its topic")
struct RestartTests {
    private static let userV3 = """
        {"type": "record", "name": "User", "namespace": "com.example",
         "fields": [
           {"name": "id", "type": "long"},
           {"name": "name", "type": "string"},
           {"name": "country", "type": "string", "default": "NL"},
           {"name": "vip", "type": "boolean", "default": false}
         ]}
        """

    @Test("a new registry over the same cluster keeps subjects, versions, ids and levels, and carries on numbering")
    func restartKeepsEverything() async throws {
        let cluster = try TestRegistry.makeCluster()
        let ids = try await TestRegistry.with(cluster: cluster) { client, _ async throws in
            let v1 = try await client.register(Schemas.userV1, subject: "users-value")
            let v2 = try await client.register(Schemas.userV2, subject: "users-value")
            let order = try await client.register(Schemas.order, subject: "orders-value")
            #expect(try await client.register(Schemas.userV1, subject: "archive-value") == v1)
            try await client.setCompatibilityLevel(.full)
            try await client.setCompatibilityLevel(.none, subject: "orders-value")
            return [v1, v2, order]
        }

        try await TestRegistry.with(cluster: cluster) { client, _ async throws in
            #expect(try await client.subjects() == ["archive-value", "orders-value", "users-value"])
            #expect(try await client.versions(subject: "users-value") == [1, 2])
            #expect(try await client.version(.number(1), subject: "users-value").id == ids[0])
            #expect(try await client.version(.latest, subject: "users-value").id == ids[1])
            #expect(try await client.version(.latest, subject: "archive-value").id == ids[0])
            #expect(try await client.schema(id: ids[2]) == Schemas.order)
            #expect(try await client.lookUp(Schemas.userV2, subject: "users-value").version == 2)
            let global = try await client.compatibilityLevel()
            #expect(global == .full)
            let orders = try await client.compatibilityLevel(subject: "orders-value", defaultToGlobal: false)
            #expect(orders == .none)

            // Re-registering is still idempotent; a new schema gets the next id and version.
            #expect(try await client.register(Schemas.userV1, subject: "users-value") == ids[0])
            let v3 = try await client.register(Self.userV3, subject: "users-value")
            #expect(v3 == (ids.max() ?? 0) + 1)
            #expect(try await client.version(.latest, subject: "users-value").version == 3)
            // The restored FULL level still refuses a breaking change.
            await #expect(throws: SchemaRegistryError.self) { try await client.register(Schemas.userBreaking, subject: "users-value") }
        }

        try await TestRegistry.with(cluster: cluster) { client, _ async throws in
            #expect(try await client.versions(subject: "users-value") == [1, 2, 3])
            #expect(try await client.version(.latest, subject: "users-value").id == (ids.max() ?? 0) + 1)
        }
    }

    @Test("ids and versions are deterministic: the same registrations on two clusters give the same answers")
    func deterministicIDs() async throws {
        func script(_ client: SchemaRegistryClient) async throws -> [Int] {
            [
                try await client.register(Schemas.order, subject: "orders-value"),
                try await client.register(Schemas.userV1, subject: "users-value"),
                try await client.register(Schemas.userV2, subject: "users-value"),
                try await client.register(Schemas.userV1, subject: "users-key"),
                try await client.version(.latest, subject: "users-value").version,
            ]
        }
        let first = try await TestRegistry.with(cluster: try TestRegistry.makeCluster()) { client, _ in try await script(client) }
        let second = try await TestRegistry.with(cluster: try TestRegistry.makeCluster()) { client, _ in try await script(client) }
        #expect(first == [1, 2, 3, 2, 2])
        #expect(second == first)
    }

    @Test("the topic holds keyed records in Confluent's layout, one per change, on partition 0")
    func recordsInTopic() async throws {
        let cluster = try TestRegistry.makeCluster()
        try await TestRegistry.with(cluster: cluster) { client, _ async throws in
            _ = try await client.register(Schemas.userV1, subject: "users-value")
            _ = try await client.register(Schemas.userV1, subject: "users-value")
            try await client.setCompatibilityLevel(.full, subject: "users-value")
        }
        let messages = try await drain(cluster, topic: "_schemas")
        #expect(messages.count == 2)
        let keys = messages.map { $0.keyString ?? "" }
        #expect(keys == [
            #"{"keytype":"SCHEMA","magic":1,"subject":"users-value","version":1}"#,
            #"{"keytype":"CONFIG","magic":0,"subject":"users-value"}"#,
        ])
        let value = try #require(messages.first?.value)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(value)) as? [String: Any])
        #expect(json["id"] as? Int == 1)
        #expect(json["deleted"] as? Bool == false)
        #expect(json["schema"] as? String == Schemas.userV1)
        #expect(messages.last?.valueString == #"{"compatibilityLevel":"FULL"}"#)
    }

    @Test("records a Confluent registry writes (soft deletes, tombstones, NOOP, Protobuf, garbage) replay as Confluent reads them")
    func replaysConfluentRecords() async throws {
        let cluster = try TestRegistry.makeCluster()
        func schemaValue(_ subject: String, _ version: Int, _ id: Int, _ schema: String, deleted: Bool = false, type: String? = nil) throws -> String {
            var object: [String: Any] = ["subject": subject, "version": version, "id": id, "schema": schema, "deleted": deleted]
            if let type { object["schemaType"] = type }
            return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        }
        func schemaKey(_ subject: String, _ version: Int) -> String {
            #"{"keytype":"SCHEMA","subject":"\#(subject)","version":\#(version),"magic":1}"#
        }
        let records: [(String, String?)] = [
            (schemaKey("users-value", 1), try schemaValue("users-value", 1, 1, Schemas.userV1)),
            (schemaKey("users-value", 2), try schemaValue("users-value", 2, 2, Schemas.userV2)),
            (#"{"keytype":"NOOP","magic":0}"#, nil),
            (schemaKey("users-value", 2), try schemaValue("users-value", 2, 2, Schemas.userV2, deleted: true)),
            (schemaKey("gone-value", 1), try schemaValue("gone-value", 1, 3, Schemas.order)),
            (schemaKey("gone-value", 1), nil),
            (schemaKey("proto-value", 1), try schemaValue("proto-value", 1, 7, "syntax = \"proto3\";", type: "PROTOBUF")),
            (#"{"keytype":"CONFIG","subject":null,"magic":0}"#, #"{"compatibilityLevel":"FULL"}"#),
            (#"{"keytype":"CONFIG","subject":"users-value","magic":0}"#, #"{"compatibilityLevel":"NONE"}"#),
            (#"{"keytype":"CONFIG","subject":"users-value","magic":0}"#, nil),
            ("not a registry key", "{}"),
        ]
        var config = try KafkaConfig(["linger.ms": "0"])
        config.bootstrapServers = [cluster.bootstrapServers]
        let producer = try KafkaProducer(config: config, logger: TestRegistry.logger)
        for (key, value) in records {
            try await producer.send(KafkaProducerMessage(topic: "_schemas", partition: 0, key: Array(key.utf8), value: value.map { Array($0.utf8) }))
        }
        await producer.shutdown()

        try await TestRegistry.with(cluster: cluster) { client, _ async throws in
            #expect(try await client.subjects() == ["users-value"])
            #expect(try await client.versions(subject: "users-value") == [1])
            await #expect(throws: SchemaRegistryError.versionNotFound(subject: "users-value", version: "2")) {
                try await client.version(.number(2), subject: "users-value")
            }
            // Ids outlive their versions.
            #expect(try await client.schema(id: 2) == Schemas.userV2)
            let global = try await client.compatibilityLevel()
            #expect(global == .full)
            await #expect(throws: SchemaRegistryError.subjectCompatibilityNotSet(subject: "users-value")) {
                try await client.compatibilityLevel(subject: "users-value", defaultToGlobal: false)
            }
            // Numbering continues after the deleted version 2 and the Protobuf id 7.
            #expect(try await client.register(Schemas.userV2, subject: "users-value") == 2)
            #expect(try await client.version(.latest, subject: "users-value").version == 3)
            let next = try await client.register(RestartTests.userV3, subject: "users-value")
            #expect(next == 8)
        }
    }

    @Test("without the topic made beforehand, the embedded cluster creates it on the first write and a restart reads it")
    func topicCreatedOnFirstWrite() async throws {
        let cluster = try EmbeddedCluster(brokers: 1, logger: TestRegistry.logger)
        let topic = TestRegistry.unique("schemas")
        let id = try await TestRegistry.with(cluster: cluster, configure: { $0.topic = topic }) { client, _ async throws in
            try await client.register(Schemas.order, subject: "orders-value")
        }
        try await TestRegistry.with(cluster: cluster, configure: { $0.topic = topic }) { client, _ async throws in
            #expect(try await client.version(.latest, subject: "orders-value").id == id)
        }
    }

    private func drain(_ cluster: EmbeddedCluster, topic: String) async throws -> [KafkaConsumerMessage] {
        var config = try KafkaConfig(["group.id": TestRegistry.unique("drain"), "enable.auto.commit": "false"])
        config.bootstrapServers = [cluster.bootstrapServers]
        let consumer = try KafkaConsumer(config: config, logger: TestRegistry.logger)
        let marks = try await consumer.watermarks(topic: topic, partition: 0)
        try consumer.assign([KafkaTopicPartitionOffset(topic: topic, partition: 0, offset: KafkaOffset.beginning)])
        var messages: [KafkaConsumerMessage] = []
        if marks.high > marks.low {
            for try await message in consumer.messages {
                messages.append(message)
                if message.offset + 1 >= marks.high { break }
            }
        }
        await consumer.close()
        return messages
    }
}

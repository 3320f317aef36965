import Avro
import SchemaRegistry
import Testing

@Suite("Subject name strategies")
struct SubjectNameStrategyTests {
    @Test("topic, record and topic-record names for keys and values")
    func names() throws {
        let user = try AvroSchema(parsing: Schemas.userV1)
        #expect(try SubjectNameStrategy.topicName.subject(topic: "users", isKey: false, schema: user) == "users-value")
        #expect(try SubjectNameStrategy.topicName.subject(topic: "users", isKey: true, schema: .string) == "users-key")
        #expect(try SubjectNameStrategy.recordName.subject(topic: "users", isKey: false, schema: user) == "com.example.User")
        #expect(try SubjectNameStrategy.recordName.subject(topic: "other", isKey: true, schema: user) == "com.example.User")
        #expect(try SubjectNameStrategy.topicRecordName.subject(topic: "users", isKey: false, schema: user) == "users-com.example.User")
    }

    @Test("a record strategy refuses a schema that is not a record, and says which strategy to use")
    func nonRecord() {
        let error = #expect(throws: SchemaRegistryError.self) {
            try SubjectNameStrategy.topicRecordName.subject(topic: "users", isKey: true, schema: .long)
        }
        #expect(error == .subjectNameStrategy(
            strategy: "TopicRecordNameStrategy",
            message: "the schema is a long, and only a record has the full name this strategy uses; "
                + "use SubjectNameStrategy.topicName for long keys or values"))
    }

    @Test("serializers register under the subject their strategy names")
    func serializersUseTheirStrategy() async throws {
        let cluster = try TestRegistry.makeCluster()
        try await TestRegistry.with(cluster: cluster) { client, _ async throws in
            let user = try AvroSchema(parsing: Schemas.userV1)
            let value: AvroValue = .record(["id": .long(1), "name": .string("Ada")])
            for strategy in [SubjectNameStrategy.topicName, .recordName, .topicRecordName] {
                let serializer = try AvroSerializer(
                    client: client, schema: user,
                    configuration: .init(subjectNameStrategy: strategy, registration: .autoRegister))
                _ = try await serializer.serialize(value, topic: "signups")
            }
            let keys = try AvroSerializer(
                client: client, schema: .string, configuration: .init(isKey: true, registration: .autoRegister))
            _ = try await keys.serialize(.string("user-1"), topic: "signups")
            #expect(try await client.subjects() == ["com.example.User", "signups-com.example.User", "signups-key", "signups-value"])
        }
    }
}

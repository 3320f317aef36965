import Foundation
import Yams
import Testing
@testable import Scaffold
import KafkaSkillModel

@Suite("Service spec loading")
struct ServiceSpecLoaderTests {
    func load(_ text: String, file: String = "spec.yaml", base: URL? = nil) throws -> LoadedSpec {
        try ServiceSpecLoader().load(text: text, file: file, baseDirectory: base ?? URL(fileURLWithPath: "/nonexistent"))
    }

    func problems(_ text: String, base: URL? = nil) -> [ScaffoldError] {
        TestSupport.errors { _ = try load(text, base: base) }
    }

    @Test("the committed example specs load", arguments: ExamplesDriftTests.examples)
    func exampleSpecsLoad(name: String) throws {
        let environment = try TestSupport.repository()
        let url = environment.repositoryRoot.appendingPathComponent("specs/\(name).yaml")
        let loaded = try ServiceSpecLoader().load(contentsOf: url)
        #expect(loaded.spec.name == name)
        #expect(loaded.diagnostics.isEmpty)
    }

    @Test("a consumer spec reads into the model, defaults filled in")
    func readsTheModel() throws {
        let spec = try load(TestSupport.consumerSpec + """
            messages: { key: none }
            errorHandling: { retries: 5, deadLetterTopic: input-dlq }
            """).spec
        #expect(spec.role == .consumer)
        #expect(spec.group == "test-workers")
        #expect(spec.inputTopics.map(\.name) == ["input"])
        #expect(spec.inputTopics.first?.replicationFactor == 3)
        #expect(spec.messages == MessageSpec(key: .none, value: .json))
        #expect(spec.errorHandling == ErrorHandlingSpec(retries: 5, deadLetterTopic: "input-dlq"))
        #expect(spec.observability == ObservabilitySpec())
    }

    @Test("an unknown key is rejected at its line and column, with the allowed keys")
    func unknownKey() {
        let errors = problems(TestSupport.consumerSpec + "retires: 3\n")
        guard case .unknownKey(let location, let key, _, let allowed)? = errors.first else {
            Issue.record("expected an unknown key, got \(errors)")
            return
        }
        #expect(key == "retires")
        #expect(location == SourceLocation(file: "spec.yaml", line: 8, column: 1))
        #expect(allowed.contains("errorHandling"))
        #expect(errors.first?.description.hasPrefix("spec.yaml:8:1: error: unknown key 'retires' in the spec. Allowed keys:") == true)
    }

    @Test("every shape problem in a file is reported at once, each at its position")
    func allProblemsAtOnce() {
        let errors = problems("""
            name: test
            role: consumer
            group: g
            topics:
              - name: in
                partitions: 0
                direction: sideways
            delivery: sometimes
            """)
        let text = errors.map(\.description)
        #expect(errors.count == 3, "\(text)")
        #expect(text.contains { $0.hasPrefix("spec.yaml:6:17: error: 'topics[0].partitions' is '0'") && $0.contains("from 1 to 100000") })
        #expect(text.contains { $0.hasPrefix("spec.yaml:7:16:") && $0.contains("one of input, output") })
        #expect(text.contains { $0.hasPrefix("spec.yaml:8:11:") && $0.contains("at-most-once, at-least-once, exactly-once") })
    }

    @Test("checks across fields name the field, its position and what is allowed")
    func crossFieldRules() {
        let name = problems(TestSupport.consumerSpec.replacingOccurrences(of: "test-worker", with: "Bad_Name"))
        #expect(name.first?.description.hasPrefix("spec.yaml:1:7: error: 'name' is 'Bad_Name', but it must be lowercase words") == true)

        let exactlyOnce = problems(TestSupport.consumerSpec.replacingOccurrences(of: "at-least-once", with: "exactly-once"))
        #expect(exactlyOnce.first?.description.contains("use role processor") == true, "\(exactlyOnce)")

        let misspelt = problems(TestSupport.consumerSpec.replacingOccurrences(of: "partitions: 2", with: "partitions: 2\n    config: { retention.msx: \"1\" }"))
        #expect(misspelt.first?.description.contains("did you mean retention.ms") == true, "\(misspelt)")

        for (config, expected) in [
            ("retention.ms: \"abc\"", "a whole number from -1"), ("min.insync.replicas: \"0\"", "a whole number from 1"),
            ("preallocate: \"yes\"", "true or false"), ("min.cleanable.dirty.ratio: \"2\"", "a number from 0 to 1"),
            ("compression.type: \"brotli\"", "one of uncompressed"),
        ] {
            let typed = problems(TestSupport.consumerSpec.replacingOccurrences(of: "partitions: 2", with: "partitions: 2\n    config: { \(config) }"))
            #expect(typed.first?.description.contains(expected) == true, "\(config): \(typed)")
        }
        #expect(problems(TestSupport.consumerSpec.replacingOccurrences(of: "partitions: 2", with: "partitions: 2\n    config: { retention.ms: \"-1\" }")).isEmpty)

        let noGroup = problems(TestSupport.consumerSpec.replacingOccurrences(of: "group: test-workers\n", with: ""))
        #expect(noGroup.first?.description.contains("missing the required key 'group'") == true, "\(noGroup)")

        let producerWithGroup = problems("""
            name: p
            role: producer
            group: g
            topics: [{ name: out }]
            delivery: at-least-once
            """)
        #expect(producerWithGroup.first?.description.contains("a producer joins no consumer group") == true)

        let processorWithoutDirection = problems("""
            name: p
            role: processor
            group: g
            topics: [{ name: a }, { name: b, direction: output }]
            delivery: exactly-once
            """)
        #expect(processorWithoutDirection.first?.description.contains("'direction'") == true, "\(processorWithoutDirection)")

        let loop = problems(
            TestSupport.consumerSpec.replacingOccurrences(of: "partitions: 2", with: "partitions: 2\n    direction: input")
                + "errorHandling: { deadLetterTopic: input }\n")
        #expect(loop.first?.description.contains("would come back to it") == true, "\(loop)")
    }

    @Test("a YAML syntax error names its position")
    func syntaxError() {
        let errors = problems("name: x\nrole: [consumer\n")
        guard case .malformedDocument(let location, _)? = errors.first else {
            Issue.record("expected a syntax error, got \(errors)")
            return
        }
        #expect(location.hasLine)
    }

    @Test("an Avro schema reference must name a JSON file with a type")
    func avroSchemaReference() throws {
        let base = try TestSupport.fixtures().appendingPathComponent("specs")
        func spec(_ schema: String) -> String {
            TestSupport.consumerSpec + "messages: { value: { format: avro, schema: \(schema) } }\n"
        }
        let loaded = try load(spec("order.avsc"), base: base)
        guard case .avro(let schema) = loaded.spec.messages.value else {
            Issue.record("expected an Avro value")
            return
        }
        #expect(schema.fileName == "order.avsc")
        #expect(schema.text.contains("\"Order\""))

        let missing = problems(spec("missing.avsc"), base: base)
        #expect(missing.first?.description.contains("nothing is at") == true, "\(missing)")
        let broken = problems(spec("broken.avsc"), base: base)
        #expect(broken.first?.description.contains("does not parse as JSON") == true, "\(broken)")
        let untyped = problems(spec("no-type.avsc"), base: base)
        #expect(untyped.first?.description.contains("a JSON object with a \"type\"") == true, "\(untyped)")
        let jsonWithSchema = problems(TestSupport.consumerSpec + "messages: { value: { format: json, schema: order.avsc } }\n", base: base)
        #expect(jsonWithSchema.first?.description.contains("only Avro values take a schema") == true)
    }

    @Test("registry settings are read, default to the topic strategy without auto-registration, and are checked")
    func registrySettings() throws {
        let folder = try TestSupport.temporaryFolder("registry")
        defer { try? FileManager.default.removeItem(at: folder) }
        try TestSupport.write(#"{"type": "record", "name": "Order", "fields": [{"name": "id", "type": "long"}]}"#, to: "order.avsc", in: folder)
        let producer = TestSupport.producerSpec

        let plain = try load(producer + "messages: { value: { format: avro, schema: order.avsc } }\n", base: folder).spec
        #expect(plain.messages.registry == SchemaRegistrySpec(subjectStrategy: .topic, autoRegister: false))
        let asked = try load(
            producer + "messages: { value: { format: avro, schema: order.avsc, registry: { subjectStrategy: topic-record, autoRegister: true } } }\n",
            base: folder).spec
        #expect(asked.messages.registry == SchemaRegistrySpec(subjectStrategy: .topicRecord, autoRegister: true))

        let badStrategy = problems(
            producer + "messages:\n  value: { format: avro, schema: order.avsc, registry: { subjectStrategy: subject } }\n", base: folder)
        #expect(badStrategy.count == 1)
        #expect(badStrategy.first?.description.contains("one of topic, record, topic-record") == true, "\(badStrategy)")
        #expect(badStrategy.first?.location.line == 8, "\(badStrategy)")
        let unknownKey = problems(producer + "messages: { value: { format: avro, schema: order.avsc, registry: { auto: true } } }\n", base: folder)
        #expect(unknownKey.first?.description.contains("autoRegister") == true, "\(unknownKey)")
        let onJSON = problems(producer + "messages: { value: { format: json, registry: { autoRegister: true } } }\n", base: folder)
        #expect(onJSON.first?.description.contains("only Avro values use the schema registry") == true, "\(onJSON)")
        let consumer = problems(
            TestSupport.consumerSpec + "messages: { value: { format: avro, schema: order.avsc, registry: { autoRegister: true } } }\n",
            base: folder)
        #expect(consumer.first?.description.contains("a consumer") == true, "\(consumer)")
        #expect(consumer.first?.location.line != nil, "\(consumer)")
    }

    @Test("an Avro value schema must be a record whose first field is an int, long or string", arguments: [
        (#"{"type": "record", "name": "R", "fields": [{"name": "total", "type": "double"}, {"name": "id", "type": "long"}]}"#, "/fields/0/type"),
        (#"{"type": "record", "name": "R", "fields": [{"name": "id", "type": ["null", "long"]}]}"#, "/fields/0/type"),
        (#"{"type": "string"}"#, "/type"),
        (#"{"type": "record", "name": "R", "fields": [{"name": "id", "type": "long"}, {"name": "x", "type": ["int", "string"]}]}"#, "/fields/1/type"),
        (#"{"type": "record", "name": "R", "fields": [{"name": "id", "type": "long"}, {"name": "next", "type": ["null", "R"]}]}"#, "/fields/1/type/1"),
    ])
    func avroRecordShape(schema: String, path: String) throws {
        let folder = try TestSupport.temporaryFolder("shape")
        defer { try? FileManager.default.removeItem(at: folder) }
        try TestSupport.write(schema, to: "value.avsc", in: folder)
        let errors = problems(TestSupport.producerSpec + "messages:\n  value: { format: avro, schema: value.avsc }\n", base: folder)
        #expect(errors.count == 1)
        #expect(errors.first?.description.contains("at \(path) in the schema") == true, "\(errors)")
        #expect(errors.first?.location.line == 8, "\(errors)")
    }

    @Test("the normalized YAML of a spec loads back into the same spec")
    func yamlRoundTrip() throws {
        let environment = try TestSupport.repository()
        for name in ExamplesDriftTests.examples {
            let url = environment.repositoryRoot.appendingPathComponent("specs/\(name).yaml")
            let spec = try ServiceSpecLoader().load(contentsOf: url).spec
            let text = try #require(try? Yams.serialize(node: spec.yamlNode(schemaPath: nil)))
            let again = try load(text, base: url.deletingLastPathComponent()).spec
            #expect(again == spec)
        }
    }
}

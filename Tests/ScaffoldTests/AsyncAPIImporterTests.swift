import KafkaSkillModel
import Foundation
import Testing
@testable import Scaffold

@Suite("AsyncAPI 3 import")
struct AsyncAPIImporterTests {
    func importText(_ text: String, base: URL? = nil) throws -> LoadedSpec {
        let reader = DocumentReader(file: "api.yaml")
        let root = try #require(reader.compose(text))
        return try AsyncAPIImporter().import(root, reader: reader, baseDirectory: base ?? URL(fileURLWithPath: "/nonexistent"))
    }

    func problems(_ text: String) -> [ScaffoldError] {
        TestSupport.errors { _ = try importText(text) }
    }

    @Test("a document with receive and send operations becomes a processor with the bindings' topics and group")
    func processorFromBindings() throws {
        let url = try TestSupport.fixtures().appendingPathComponent("asyncapi/payment-auditor.yaml")
        let loaded = try AsyncAPIImporter().import(contentsOf: url, displayPath: "payment-auditor.yaml")
        let spec = loaded.spec
        #expect(spec.name == "payment-auditor")
        #expect(spec.role == .processor)
        #expect(spec.delivery == .exactlyOnce)
        #expect(spec.group == "payment-auditors")
        #expect(spec.inputTopics == [
            TopicSpec(name: "payments.card.v1", partitions: 12, replicationFactor: 3,
                      config: ["cleanup.policy": "delete", "retention.ms": "604800000"], direction: .input)
        ])
        #expect(spec.outputTopics.map(\.name) == ["payments.audit.v1"])
        #expect(spec.outputTopics.first?.config == ["cleanup.policy": "compact,delete"])
        #expect(spec.errorHandling == ErrorHandlingSpec(retries: 2, backoffMs: 50, deadLetterTopic: "payments.audit.dlq"))
        #expect(spec.observability == ObservabilitySpec(logLevel: "notice", metrics: true))
        #expect(spec.messages == MessageSpec(key: .string, value: .json))
    }

    @Test("what the service does not implement is reported with its position, never dropped")
    func unsupportedFeaturesAreReported() throws {
        let url = try TestSupport.fixtures().appendingPathComponent("asyncapi/payment-auditor.yaml")
        let diagnostics = try AsyncAPIImporter().import(contentsOf: url, displayPath: "payment-auditor.yaml").diagnostics
        let warnings = diagnostics.filter { $0.severity == .warning }.map(\.description)
        let expected = [
            "payment-auditor.yaml:13:7: warning: security schemes of server 'production' are not generated",
            "payment-auditor.yaml:16:28: warning: schemaRegistryUrl is not written into the service",
            "payment-auditor.yaml:44:11: warning: confluent.value.schema.validation is not applied",
            "payment-auditor.yaml:45:3: warning: channel 'refunds' has no send or receive operation",
            "payment-auditor.yaml:65:7: warning: the reply of operation 'writeAudits' is not generated",
        ]
        for prefix in expected {
            #expect(warnings.contains { $0.hasPrefix(prefix) }, "missing \(prefix) in \(warnings)")
        }
        #expect(warnings.count == expected.count, "\(warnings)")
        #expect(diagnostics.contains { $0.severity == .note && $0.message.contains("KAFKA_BOOTSTRAP_SERVERS") })
        let lines = diagnostics.compactMap(\.location.line)
        #expect(lines == lines.sorted())
    }

    @Test("a JSON document with an Avro payload in a schema file becomes a consumer")
    func jsonDocumentWithAvro() throws {
        let url = try TestSupport.fixtures().appendingPathComponent("asyncapi/order-listener.json")
        let loaded = try AsyncAPIImporter().import(contentsOf: url)
        #expect(loaded.spec.role == .consumer)
        #expect(loaded.spec.group == "order-listeners")
        #expect(loaded.spec.delivery == .atLeastOnce)
        #expect(loaded.spec.inputTopics.first?.partitions == 3)
        guard case .avro(let schema) = loaded.spec.messages.value else {
            Issue.record("expected an Avro value")
            return
        }
        #expect(schema.fileName == "order.avsc")
        #expect(loaded.diagnostics.contains { $0.message.contains("at-least-once") })
    }

    @Test("an inline Avro schema is carried into the spec")
    func inlineAvro() throws {
        let spec = try importText("""
            asyncapi: 3.0.0
            info: { title: Sink, version: 1.0.0 }
            channels:
              events:
                address: events
                messages:
                  event:
                    payload:
                      schemaFormat: application/vnd.apache.avro+yaml;version=1.9.0
                      schema:
                        type: record
                        name: shop.Event
                        fields: [{ name: id, type: long }]
            operations:
              read: { action: receive, channel: { $ref: '#/channels/events' } }
            """).spec
        guard case .avro(let schema) = spec.messages.value else {
            Issue.record("expected an Avro value")
            return
        }
        #expect(schema.fileName == "Event.avsc")
        #expect(schema.path == nil)
        #expect(schema.text.contains("\"type\" : \"record\"") || schema.text.contains("\"type\": \"record\""))
        #expect(spec.group == "sink")
    }

    @Test("Confluent's schema-id bindings are taken: the id in the payload, the subject strategy by its class name")
    func schemaIDBindings() throws {
        let imported = try importText("""
            asyncapi: 3.0.0
            info: { title: Sink, version: 1.0.0 }
            channels:
              events:
                address: events
                messages:
                  event:
                    bindings:
                      kafka:
                        schemaIdLocation: payload
                        schemaIdPayloadEncoding: confluent
                        schemaLookupStrategy: io.confluent.kafka.serializers.subject.TopicRecordNameStrategy
                    payload:
                      schemaFormat: application/vnd.apache.avro+yaml;version=1.9.0
                      schema: { type: record, name: shop.Event, fields: [{ name: id, type: long }] }
            operations:
              read: { action: receive, channel: { $ref: '#/channels/events' } }
            """)
        #expect(imported.spec.messages.registry.subjectStrategy == .topicRecord)
        #expect(imported.diagnostics.filter { $0.severity == .warning }.isEmpty, "\(imported.diagnostics)")

        let header = try importText("""
            asyncapi: 3.0.0
            info: { title: Sink, version: 1.0.0 }
            channels:
              events:
                address: events
                messages:
                  event:
                    bindings: { kafka: { schemaIdLocation: header } }
                    payload:
                      schemaFormat: application/vnd.apache.avro+yaml;version=1.9.0
                      schema: { type: record, name: shop.Event, fields: [{ name: id, type: long }] }
            operations:
              read: { action: receive, channel: { $ref: '#/channels/events' } }
            """)
        #expect(header.diagnostics.contains { $0.severity == .warning && $0.message.contains("schemaIdLocation header is not supported") })
    }

    @Test("documents no service can be made from are errors at their position", arguments: [
        ("asyncapi: 2.6.0\ninfo: { title: T, version: 1.0.0 }\n", "api.yaml:1:11: error: AsyncAPI 2.6.0 is not supported"),
        ("""
            asyncapi: 3.0.0
            info: { title: T, version: 1.0.0 }
            channels:
              user:
                address: 'users.{userId}'
            operations:
              read: { action: receive, channel: { $ref: '#/channels/user' } }
            """, "api.yaml:5:14: error: the dynamic address 'users.{userId}' of channel 'user' is not supported"),
        ("""
            asyncapi: 3.0.0
            info: { title: T, version: 1.0.0 }
            channels:
              loop: { address: loop }
            operations:
              read: { action: receive, channel: { $ref: '#/channels/loop' } }
              write: { action: send, channel: { $ref: '#/channels/loop' } }
            """, "reading and writing the same topic 'loop' is not supported"),
        ("""
            asyncapi: 3.0.0
            info: { title: T, version: 1.0.0 }
            channels:
              a: { address: a, bindings: { kafka: { partitions: 3, partition: 4 } } }
            operations:
              read: { action: receive, channel: { $ref: '#/channels/a' } }
            """, "api.yaml:4:56: error: unknown key 'partition' in channels.a.bindings.kafka"),
        ("""
            asyncapi: 3.0.0
            info: { title: T, version: 1.0.0 }
            channels:
              a: { address: a }
            operations:
              read: { action: receive, channel: { $ref: '#/channels/b' } }
            """, "there is no 'b'"),
        ("""
            asyncapi: 3.0.0
            info: { title: T, version: 1.0.0 }
            channels:
              a:
                address: a
                messages:
                  m: { payload: { schemaFormat: application/x-protobuf, schema: { type: string } } }
            operations:
              read: { action: receive, channel: { $ref: '#/channels/a' } }
            """, "the payload format 'application/x-protobuf' is not supported"),
        ("""
            asyncapi: 3.0.0
            info: { title: T, version: 1.0.0 }
            channels:
              a:
                address: a
                bindings:
                  kafka:
                    topicConfiguration:
                      retention.msx: 1000
            operations:
              read: { action: receive, channel: { $ref: '#/channels/a' } }
            """, "api.yaml:9:11: error: 'topics[0].config.retention.msx' is 'retention.msx', but it must be a Kafka topic configuration name; did you mean retention.ms?"),
    ])
    func refused(document: String, expected: String) {
        let errors = problems(document).map(\.description)
        #expect(errors.contains { $0.contains(expected) }, "\(errors)")
    }
}

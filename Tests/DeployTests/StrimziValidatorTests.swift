import Foundation
import Testing

@testable import Deploy

@Suite struct StrimziValidatorTests {
    let validTopic = """
        apiVersion: kafka.strimzi.io/v1
        kind: KafkaTopic
        metadata:
          name: orders
          labels:
            strimzi.io/cluster: my-cluster
        spec:
          partitions: 3
          replicas: 3

        """

    @Test func aValidTopicPasses() {
        #expect(StrimziValidator().problems(inYAML: validTopic, file: "t.yaml").isEmpty)
    }

    @Test func anUnknownFieldIsNamedWithTheFieldsAllowed() throws {
        let text = validTopic.replacingOccurrences(of: "  replicas: 3", with: "  replicas: 3\n  retention: 7d")
        let problems = StrimziValidator().problems(inYAML: text, file: "topic.yaml")
        let problem = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(problem.file == "topic.yaml" && problem.line == 10)
        #expect(problem.path == "spec.retention")
        #expect(problem.message.contains("unknown field retention"))
        #expect(problem.message.contains("config, partitions, replicas, topicName"))
    }

    @Test func aWrongTypeSaysWhatTheSchemaAllows() throws {
        let text = validTopic.replacingOccurrences(of: "partitions: 3", with: "partitions: \"three\"")
        let problem = try #require(StrimziValidator().problems(inYAML: text, file: "t.yaml").first)
        #expect(problem.path == "spec.partitions")
        #expect(problem.message == "found the string \"three\"; the schema allows an integer")
        #expect(problem.description.hasPrefix("t.yaml:8:15:"))
    }

    @Test func aMissingRequiredFieldAndABadEnumAreReported() {
        let kafka = """
            apiVersion: kafka.strimzi.io/v1
            kind: Kafka
            metadata:
              name: c
            spec:
              kafka:
                listeners:
                  - name: tls
                    port: 9093
                    type: internal
                    tls: true
                    authentication:
                      type: plain
                  - name: External_1
                    port: 9094
                    type: internal
                    tls: false
            """
        let problems = StrimziValidator().problems(inYAML: kafka, file: "k.yaml")
        #expect(problems.contains { $0.path == "spec.kafka.listeners[1].name" && $0.message.contains("does not match the pattern") })
        #expect(problems.count == 2, "\(problems)")
        #expect(problems.contains { $0.path == "spec.kafka.listeners[0].authentication.type" && $0.message.contains("tls, scram-sha-512, custom") })
        let user = """
            apiVersion: kafka.strimzi.io/v1
            kind: KafkaUser
            metadata:
              name: u
            spec:
              authorization:
                type: simple
                acls:
                  - resource: { type: topic, name: t }
            """
        let userProblems = StrimziValidator().problems(inYAML: user, file: "u.yaml")
        #expect(userProblems.map(\.path) == ["spec.authorization.acls[0]"])
        #expect(userProblems.first?.message == "the required field operations is missing")
    }

    @Test func theSameDocumentIsCheckedAgainstEachAPIVersionsOwnSchema() {
        // v1beta2 KafkaUser ACLs still accept the deprecated singular `operation`; v1 removed it.
        let user = """
            apiVersion: kafka.strimzi.io/VERSION
            kind: KafkaUser
            metadata:
              name: u
            spec:
              authorization:
                type: simple
                acls:
                  - resource: { type: topic, name: t }
                    operation: Read
                    operations: [Read]
            """
        let beta = StrimziValidator().problems(inYAML: user.replacingOccurrences(of: "VERSION", with: "v1beta2"), file: "u.yaml")
        let v1 = StrimziValidator().problems(inYAML: user.replacingOccurrences(of: "VERSION", with: "v1"), file: "u.yaml")
        #expect(beta.isEmpty, "\(beta)")
        #expect(v1.map(\.path) == ["spec.authorization.acls[0].operation"])
    }

    @Test func oneOfAndMinimumAndUnsupportedVersionsAreChecked() {
        let pool = """
            apiVersion: kafka.strimzi.io/v1
            kind: KafkaNodePool
            metadata:
              name: p
            spec:
              replicas: -1
              roles: [broker]
              storage: { type: ephemeral }
              template:
                kafkaContainer:
                  env:
                    - name: A
            """
        let problems = StrimziValidator().problems(inYAML: pool, file: "p.yaml")
        #expect(problems.contains { $0.path == "spec.replicas" && $0.message.contains("below the minimum 0") })
        #expect(problems.contains { $0.path == "spec.template.kafkaContainer.env[0]" && $0.message.contains("exactly one of: {value} | {valueFrom}") })
        let old = StrimziValidator().problems(inYAML: "apiVersion: kafka.strimzi.io/v1beta1\nkind: KafkaTopic\nmetadata: {name: a}\n", file: "o.yaml")
        #expect(old.first?.message.contains("no bundled schema") == true)
        #expect(StrimziValidator().problems(inYAML: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n", file: "c.yaml").isEmpty)
    }
}

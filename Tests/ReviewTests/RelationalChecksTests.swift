import Foundation
import Review
import Testing

/// Properties that exist (read from the linked librdkafka), two properties that must relate, and two
/// configurations of one service that must agree.
@Suite("Known properties and relational checks")
struct RelationalChecksTests {
    static let rules = [
        ReviewRule(id: "client-known-properties", rule: "Use only client properties librdkafka 2.0.2 knows.", why: "w", severity: .error,
                   location: SourceLocation(file: "l.yaml", line: 1, column: 1)),
        ReviewRule(id: "transaction-timeout-ordering", rule: "Keep message.timeout.ms at most transaction.timeout.ms.", why: "w", severity: .warning,
                   location: SourceLocation(file: "l.yaml", line: 2, column: 1)),
        ReviewRule(id: "transaction-consumer-no-auto-commit", rule: "The consumer of a transactional processor has enable.auto.commit=false.", why: "w",
                   severity: .error, location: SourceLocation(file: "l.yaml", line: 3, column: 1)),
    ]

    @Test("A Java-only consumer property is flagged with the nearest librdkafka property; real ones are not")
    func unknownProperty() {
        let source = ReviewSource(path: "Worker/Sources/Worker/Consumer.swift", kind: .swift, text: """
            let consumerConfig = [
                "group.id": "workers",
                "enable.auto.commit": "false",
                "max.poll.records": "500",
                "max.poll.interval.ms": "300000",
            ]
            """)
        let findings = StaticReviewer(rules: Self.rules).review([source])
        #expect(findings.map(\.ruleID) == ["client-known-properties"])
        #expect(findings.first?.line == 4)
        #expect(findings.first?.message.contains("max.poll.records, which librdkafka 2.0.2 does not know") == true)
        #expect(findings.first?.message.contains("The nearest property librdkafka knows is ") == true)
    }

    @Test("A transactional producer whose message timeout exceeds the (default) transaction timeout is flagged")
    func timeouts() {
        let broken = ReviewSource(path: "P/Sources/P/Producer.swift", kind: .swift, text: """
            let producerConfig = [
                "transactional.id": "enricher-0",
                "message.timeout.ms": "300000",
            ]
            """)
        let fine = ReviewSource(path: "Q/Sources/Q/Producer.swift", kind: .swift, text: """
            let producerConfig = [
                "transactional.id": "enricher-0",
                "transaction.timeout.ms": "600000",
                "message.timeout.ms": "300000",
            ]
            """)
        let findings = StaticReviewer(rules: Self.rules).review([broken, fine])
        #expect(findings.map(\.file) == ["P/Sources/P/Producer.swift"])
        #expect(findings.first?.line == 3)
        #expect(findings.first?.message.contains("message.timeout.ms = 300000, above transaction.timeout.ms = 60000 (the default)") == true)
    }

    @Test("The consumer in the same service as a transactional producer must not auto-commit; other services may")
    func transactionalConsumer() {
        let producer = ReviewSource(path: "Enricher/Sources/Enricher/ProducerSettings.swift", kind: .swift, text: """
            let producerConfig = ["transactional.id": "enricher-0", "enable.idempotence": "true"]
            """)
        let consumer = ReviewSource(path: "Enricher/Sources/Enricher/ConsumerSettings.swift", kind: .swift, text: """
            let consumerConfig = ["group.id": "enricher", "auto.offset.reset": "earliest"]
            """)
        let elsewhere = ReviewSource(path: "Audit/Sources/Audit/ConsumerSettings.swift", kind: .swift, text: """
            let consumerConfig = ["group.id": "audit", "auto.offset.reset": "earliest"]
            """)
        let findings = StaticReviewer(rules: Self.rules).review([producer, consumer, elsewhere])
        #expect(findings.map(\.ruleID) == ["transaction-consumer-no-auto-commit"])
        #expect(findings.first?.file == "Enricher/Sources/Enricher/ConsumerSettings.swift")
        #expect(findings.first?.message.contains("leaves enable.auto.commit at librdkafka's default (true)") == true)
    }

    @Test("lint finds unknown properties in presets, specs, templates and rule checks")
    func lintProject() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("property-lint-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let files = [
            "lessons/01-a.yaml": """
                rules:
                  - id: consumer-batch
                    rule: Poll in batches.
                    why: w
                    severity: warning
                    check:
                      config:
                        role: consumer
                        key: max.poll.records
                        present: true
                """,
            "templates/worker/Settings.swift.mustache": """
                let consumerConfig = ["group.id": "{{group}}", "fetch.max.wait.ms": "500"]
                """,
            "bundle/kafka-events/assets/presets/consumer-x.properties": "group.id=g\nenable.auto.commit=false\nsession.timeout=45000\n",
        ]
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let findings = try ClientPropertyLint(projectRoot: root, bundleDirectory: root.appendingPathComponent("bundle/kafka-events")).lint()
        let described = findings.map { "\($0.file):\($0.line): \($0.message)" }
        #expect(described.contains { $0.contains("consumer-batch checks max.poll.records") }, "\(described)")
        #expect(described.contains { $0.hasPrefix("templates/worker/Settings.swift.mustache:1:") && $0.contains("fetch.max.wait.ms") && $0.contains("The nearest property librdkafka knows is") }, "\(described)")
        #expect(described.contains { $0.hasPrefix("bundle/kafka-events/assets/presets/consumer-x.properties:3:") && $0.contains("session.timeout,") }, "\(described)")
        #expect(findings.count == 3, "\(described)")
    }
}

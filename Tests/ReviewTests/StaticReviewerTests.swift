import KafkaSkillModel
import Foundation
import Review
import Testing

@Suite("Static review on fixtures")
struct StaticReviewerTests {
    private struct Hit: Hashable, CustomStringConvertible {
        var rule: String
        var file: String
        var line: Int
        var description: String { "\(rule)@\(file):\(line)" }
    }

    private func review(_ folder: String) throws -> [Finding] {
        let rules = try ReviewRuleLoader().loadRules(fromDirectory: Fixtures.lessons())
        let sources = try ReviewSourceCollector(baseDirectory: Fixtures.directory()).collect([folder])
        return StaticReviewer(rules: rules).review(sources)
    }

    @Test("every kind of check fires on the broken fixtures, at the right line")
    func brokenFixtures() throws {
        let findings = try review("broken")
        let hits = Set(findings.map { Hit(rule: $0.ruleID, file: $0.file, line: $0.line) })
        let expected: Set<Hit> = [
            Hit(rule: "producer-idempotence", file: "broken/OrderProducer.swift", line: 7),
            Hit(rule: "producer-acks-all", file: "broken/OrderProducer.swift", line: 8),
            Hit(rule: "no-debug-contexts", file: "broken/OrderProducer.swift", line: 9),
            Hit(rule: "no-force-try", file: "broken/OrderProducer.swift", line: 15),
            Hit(rule: "consumer-manual-commit", file: "broken/OrderConsumer.swift", line: 7),
            Hit(rule: "consumer-offset-reset", file: "broken/OrderConsumer.swift", line: 8),
            Hit(rule: "transactional-timeout", file: "broken/Payments.swift", line: 4),
            Hit(rule: "transaction-abort", file: "broken/Payments.swift", line: 6),
            Hit(rule: "consumer-manual-commit", file: "broken/consumer.properties", line: 4),
            Hit(rule: "consumer-offset-reset", file: "broken/consumer.properties", line: 5),
            Hit(rule: "producer-idempotence", file: "broken/presets.yaml", line: 4),
            Hit(rule: "producer-acks-all", file: "broken/producer.json", line: 4),
            Hit(rule: "min-isr", file: "broken/kafka-cluster.yaml", line: 9),
        ]
        #expect(hits == expected, "missing: \(expected.subtracting(hits)), unexpected: \(hits.subtracting(expected))")
        #expect(findings.count == expected.count)
        #expect(findings.allSatisfy { $0.source == .static })
    }

    @Test("findings carry the rule's severity, message and fix")
    func findingContent() throws {
        let findings = try review("broken/OrderProducer.swift")
        let idempotence = try #require(findings.first { $0.ruleID == "producer-idempotence" })
        #expect(idempotence.severity == .error)
        #expect(idempotence.message.contains("enable.idempotence = \"false\""))
        #expect(idempotence.suggestedFix == "Set \"enable.idempotence\": \"true\".")
        let forceTry = try #require(findings.first { $0.ruleID == "no-force-try" })
        #expect(forceTry.message == "Force-try crashes the service on the first broker error.")
        #expect(forceTry.suggestedFix == "Use do/catch and handle KafkaError by its classification.")
    }

    @Test("the clean fixtures, with commented-out and suppressed code, have no findings")
    func cleanFixtures() throws {
        let findings = try review("clean")
        #expect(findings.isEmpty, "\(findings)")
    }

    @Test("a configuration missing a required key is reported at the configuration's first line")
    func missingKey() throws {
        let rules = try ReviewRuleLoader().loadRules(fromDirectory: Fixtures.lessons())
        let source = ReviewSource(path: "Producer.swift", kind: .swift, text: """
            let base = 1
            let producerSettings = [
                "bootstrap.servers": "localhost:9092",
                "acks": "all",
            ]
            """)
        let findings = StaticReviewer(rules: rules).review([source])
        #expect(findings.map(\.ruleID) == ["producer-idempotence"])
        #expect(findings.first?.line == 2)
        #expect(findings.first?.message.contains("does not set enable.idempotence") == true)
    }

    @Test("computed values are not judged, but their presence is")
    func computedValues() throws {
        let rules = try ReviewRuleLoader().loadRules(fromDirectory: Fixtures.lessons())
        let source = ReviewSource(path: "Consumer.swift", kind: .swift, text: """
            func consumerConfig(commit: Bool, level: String) -> [String: String] {
                ["group.id": "g", "enable.auto.commit": commit ? "true" : "false", "debug": level]
            }
            """)
        let findings = StaticReviewer(rules: rules).review([source])
        #expect(findings.map(\.ruleID) == ["no-debug-contexts"])
    }

    @Test("typed KafkaConfig properties, and a literal amended in the same block, form one configuration")
    func typedProperties() throws {
        let rules = try ReviewRuleLoader().loadRules(fromDirectory: Fixtures.lessons())
        let clean = ReviewSource(path: "Clean.swift", kind: .swift, text: """
            func makeProducerConfig(servers: String) throws -> KafkaConfig {
                var config = try KafkaConfig(["bootstrap.servers": servers])
                config.acks = .all
                config.enableIdempotence = true
                return config
            }
            """)
        #expect(StaticReviewer(rules: rules).review([clean]).isEmpty)
        let broken = ReviewSource(path: "Broken.swift", kind: .swift, text: """
            func makeProducerConfig() throws -> KafkaConfig {
                var config = try KafkaConfig(["bootstrap.servers": "b:9092", "acks": "all"])
                config.enableIdempotence = false
                config.acks = .leader
                return config
            }
            """)
        let findings = StaticReviewer(rules: rules).review([broken])
        #expect(findings.map(\.ruleID) == ["producer-idempotence", "producer-acks-all"])
        #expect(findings.map(\.line) == [3, 4])
        #expect(findings.last?.message.contains("acks = \"1\"") == true)
    }

    @Test("a configuration built on named properties answers only for the keys it sets; the base is checked where it is written")
    func amendedNamedBase() throws {
        let rules = try ReviewRuleLoader().loadRules(fromDirectory: Fixtures.lessons())
        let base = ReviewSource(path: "Properties.swift", kind: .swift, text: """
            enum Properties {
                static let producer: [String: String] = ["acks": "all"]
            }
            """)
        let amendment = ReviewSource(path: "Settings.swift", kind: .swift, text: """
            func makeProducerConfig(servers: String) throws -> KafkaConfig {
                var config = try KafkaConfig(Properties.producer)
                config.bootstrapServers = [servers]
                config.acks = .leader
                return config
            }
            """)
        let findings = StaticReviewer(rules: rules).review([base, amendment])
        #expect(findings.map { "\($0.ruleID)@\($0.file):\($0.line)" }
            == ["producer-idempotence@Properties.swift:2", "producer-acks-all@Settings.swift:4"])
    }
}

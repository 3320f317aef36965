import KafkaSkillModel
import Foundation
import Review
import Testing

@Suite("Loading rules from lesson files")
struct ReviewRuleLoaderTests {
    private let loader = ReviewRuleLoader()

    @Test("reads every rule of the fixture lessons, with checks and locations")
    func fixtureLessons() throws {
        let rules = try loader.loadRules(fromDirectory: Fixtures.lessons())
        #expect(rules.map(\.id) == [
            "producer-idempotence", "producer-acks-all", "transactional-timeout", "producer-batching",
            "consumer-manual-commit", "consumer-offset-reset", "no-debug-contexts",
            "no-force-try", "transaction-abort", "min-isr",
        ])
        let acks = try #require(rules.first { $0.id == "producer-acks-all" })
        #expect(acks.check == .config(ConfigCheck(role: .producer, key: "acks", condition: .oneOf(["all", "-1"]))))
        #expect(acks.location.file.hasSuffix("lessons/01-producer.yaml"))
        #expect(acks.location.line == 18)
        #expect(acks.location.column == 5)
        let timeout = try #require(rules.first { $0.id == "transactional-timeout" })
        #expect(timeout.check == .config(ConfigCheck(
            role: .producer, key: "transaction.timeout.ms", condition: .present,
            when: ConfigCheck.Precondition(key: "transactional.id", condition: .present))))
        #expect(rules.first { $0.id == "producer-batching" }?.check == nil)
        #expect(rules.first { $0.id == "transaction-abort" }?.check == .code(CodeCheck(
            kind: .require("abortTransaction"), when: "beginTransaction",
            message: "This file begins transactions but never aborts one.", fix: "Call abortTransaction() in the catch path.")))
    }

    @Test("a file without rules yields none")
    func noRules() throws {
        #expect(try loader.rules(inYAML: "title: Basics\nobjectives: [a]\n", path: "00-basics.yaml").isEmpty)
    }

    @Test("problems are reported at file:line:column", arguments: [
        ("rules:\n  - id: a\n    rule: r\n    why: w\n    severity: fatal\n", "x.yaml:5:15", "severity"),
        ("rules:\n  - id: a\n    rule: r\n    severity: info\n", "x.yaml:2:5", "why"),
        ("rules:\n  - id: Not_Kebab\n    rule: r\n    why: w\n    severity: info\n", "x.yaml:2:9", "id"),
        ("rules: [a, b", "x.yaml:2:1", "invalid YAML"),
        ("rules:\n  - id: a\n    rule: r\n    why: w\n    severity: info\n    check:\n      code:\n        forbid: 'try!('\n", "x.yaml:8:17", "not a valid regular expression"),
        ("rules:\n  - id: a\n    rule: r\n    why: w\n    severity: info\n    check:\n      config:\n        key: acks\n        equals: all\n        absent: true\n", "x.yaml:8:9", "exactly one of equals"),
        ("rules:\n  - id: a\n    rule: r\n    why: w\n    severity: info\n    check:\n      config:\n        role: broker\n        key: acks\n        present: true\n", "x.yaml:8:15", "not one of producer, consumer, any"),
        ("rules: none\n", "x.yaml:1:8", "must be a list"),
    ])
    func located(yaml: String, location: String, fragment: String) throws {
        let error = #expect(throws: ReviewError.self) { try loader.rules(inYAML: yaml, path: "x.yaml") }
        let text = try #require(error).description
        #expect(text.hasPrefix(location + ":"), "\(text)")
        #expect(text.contains(fragment), "\(text)")
    }

    @Test("a rule id used twice across lessons names both places")
    func duplicateIDs() throws {
        let folder = try TemporaryDirectory()
        let rule = "rules:\n  - id: same\n    rule: r\n    why: w\n    severity: info\n"
        try folder.write(rule, to: "01-a.yaml")
        try folder.write("title: b\n" + rule, to: "02-b.yaml")
        let error = #expect(throws: ReviewError.self) { try loader.loadRules(fromDirectory: folder.url) }
        let text = try #require(error).description
        #expect(text.contains("02-b.yaml:3:5"), "\(text)")
        #expect(text.contains("01-a.yaml:2:5"), "\(text)")
    }
}

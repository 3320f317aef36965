import Foundation
import Testing
@testable import SkillKit

@Suite("Agent Skills frontmatter and body rules")
struct SkillValidatorTests {
    /// Writes `<tmp>/<folder>/SKILL.md` and validates it.
    func validate(_ skill: String, folder: String = "kafka-events") throws -> [LintFinding] {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("validator-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = root.appendingPathComponent(folder)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(skill.utf8).write(to: directory.appendingPathComponent("SKILL.md"))
        return SkillValidator().validate(directory: directory)
    }

    func messages(_ findings: [LintFinding]) -> String {
        findings.map(\.message).joined(separator: "\n")
    }

    let body = "\n# Title\n\nInstructions.\n"

    @Test("A minimal valid skill passes")
    func valid() throws {
        let findings = try validate("---\nname: kafka-events\ndescription: \"Builds Kafka things. Use when Kafka is involved.\"\n---" + body)
        #expect(findings.isEmpty, "\(messages(findings))")
    }

    @Test("Missing frontmatter and unclosed frontmatter are rejected")
    func markers() throws {
        #expect(messages(try validate("# No frontmatter\n")).contains("must start with YAML frontmatter"))
        #expect(messages(try validate("---\nname: kafka-events\n")).contains("not properly closed"))
    }

    @Test("Unknown frontmatter keys are rejected with the allowed list")
    func unknownKeys() throws {
        let findings = try validate("---\nname: kafka-events\ndescription: Builds things.\nversion: \"1.0\"\nauthor: me\n---" + body)
        #expect(messages(findings).contains("Unexpected fields in frontmatter: author, version."))
    }

    @Test("Name rules: case, hyphens, characters, ASCII, directory match, reserved words")
    func nameRules() throws {
        let cases: [(name: String, folder: String, expected: String)] = [
            ("Kafka-Events", "Kafka-Events", "must be lowercase"),
            ("-kafka", "-kafka", "cannot start or end with a hyphen"),
            ("kafka--events", "kafka--events", "consecutive hyphens"),
            ("kafka_events", "kafka_events", "invalid characters"),
            ("kafkä", "kafkä", "must match ^[a-z0-9]+(-[a-z0-9]+)*$"),
            ("kafka-events", "other", "Directory name 'other' must match skill name 'kafka-events'"),
            ("claude-kafka", "claude-kafka", "reserved word 'claude'"),
            (String(repeating: "a", count: 65), String(repeating: "a", count: 65), "exceeds 64 character limit"),
        ]
        for item in cases {
            let findings = try validate("---\nname: \(item.name)\ndescription: Builds things.\n---" + body, folder: item.folder)
            #expect(messages(findings).contains(item.expected), "\(item.name): \(messages(findings))")
        }
    }

    @Test("Description rules: required, at most 1024 characters, no angle brackets")
    func descriptionRules() throws {
        #expect(messages(try validate("---\nname: kafka-events\n---" + body)).contains("Missing required field in frontmatter: description"))
        let long = String(repeating: "x", count: 1025)
        #expect(messages(try validate("---\nname: kafka-events\ndescription: \(long)\n---" + body)).contains("exceeds 1024 character limit (1025 chars)"))
        #expect(messages(try validate("---\nname: kafka-events\ndescription: \"Use for <kafka> tasks.\"\n---" + body)).contains("angle brackets"))
    }

    @Test("Flow-style YAML, which skills-ref's strictyaml rejects, is reported")
    func flowStyle() throws {
        let findings = try validate("---\nname: kafka-events\ndescription: Builds things.\nmetadata: {a: b}\n---" + body)
        #expect(messages(findings).contains("Flow-style mapping"))
    }

    @Test("A body of 500 lines or more is rejected")
    func bodyLength() throws {
        let longBody = "\n" + Array(repeating: "line", count: 500).joined(separator: "\n") + "\n"
        let findings = try validate("---\nname: kafka-events\ndescription: Builds things.\n---" + longBody)
        #expect(messages(findings).contains("body has 500 lines"))
        let shortBody = "\n" + Array(repeating: "line", count: 499).joined(separator: "\n") + "\n"
        #expect(try validate("---\nname: kafka-events\ndescription: Builds things.\n---" + shortBody).isEmpty)
    }
}

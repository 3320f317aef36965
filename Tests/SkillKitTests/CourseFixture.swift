import Foundation
@testable import SkillKit

/// A course written into a fresh temporary folder: `<root>/lessons/*.yaml`, examples beside them.
struct CourseFixture {
    let root: URL
    var lessons: URL { root.appendingPathComponent("lessons") }
    var bundle: URL { root.appendingPathComponent("skills/kafka-events") }

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("skillkit-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("lessons"), withIntermediateDirectories: true)
        try write("lessons/skill.yaml", Self.skill)
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    func load() throws(SkillKitError) -> Course {
        try CourseLoader(lessonsDirectory: lessons).load()
    }

    /// Loads the course and returns its errors (empty when it loaded).
    func errors() -> [SkillKitError] {
        do {
            _ = try load()
            return []
        } catch {
            return error.all
        }
    }

    static let skill = """
        name: kafka-events
        title: Test skill
        description: Builds Kafka test things. Use when testing the generator.
        intro: An intro paragraph.
        workflow:
          - title: Do the first thing
            detail: Details of the first thing.
        topics:
          - id: basics
            title: Basics
            readWhen: testing basics.
        """

    /// A complete lesson; `extra` is appended at top level.
    static func lesson(id: String, number: Int, ruleID: String? = nil, extra: String = "") -> String {
        """
        id: \(id)
        number: \(number)
        title: Lesson \(id)
        part: kafka-core
        topic: basics
        summary: A summary of \(id).
        objectives:
          - First objective.
          - Second objective.
        concepts:
          - term: Term one
            explanation: Explanation one.
          - term: Term two
            explanation: Explanation two.
        rules:
          - id: \(ruleID ?? "\(id)-rule")
            rule: Do the right thing.
            why: Because the wrong thing loses data.
            severity: error
        gotchas:
          - text: A surprising fact.
            headline: true
        reflection:
          - question: Why?
            answer: Because.
        verify:
          kind: concept
        \(extra)
        """
    }

    static func fileName(_ id: String, _ number: Int) -> String {
        String(format: "lessons/%02d-%@.yaml", number, id)
    }
}

import Foundation
import Testing
import Verify
import KafkaSkillModel

@Suite("Concept lessons are proved by spec checks against the skill")
struct ConceptCheckerTests {
    private static let page = """
        # Consumers

        ## Lesson 8: Consumers and offsets

        Text.

        ### Check yourself

        1. Why commit after processing? — *Expected:* So a crash replays the record instead of losing it.

        ## Lesson 9: Groups

        1. What is a rebalance? — *Expected:* Partitions move between members.
        """

    private static func plan(reflection: [LessonPlan.Reflection], code: [LessonPlan.CodeReference] = [], number: Int = 8) -> LessonPlan {
        LessonPlan(
            number: number, id: "consumers-and-offsets", title: "Consumers and offsets", topic: "consumers", kind: .concept,
            reflection: reflection, code: code, location: SourceLocation(file: "lessons/08-x.yaml", line: 90, column: 3))
    }

    private static func skill(page: String = page, linked: Bool = true, region: Bool = true) throws -> URL {
        try TestProject.make([
            "skills/kafka-events/SKILL.md": linked ? "Read [consumers](references/consumers.md) when reading." : "No links.",
            "skills/kafka-events/references/consumers.md": page,
            "examples/worker/Sources/Worker/Main.swift": region ? "// region: commit-after\nlet x = 1\n// endregion\n" : "let x = 1\n",
        ])
    }

    @Test("a lesson whose page exists, is linked, answers its questions, and whose code regions exist passes")
    func passes() throws {
        let root = try Self.skill()
        defer { try? FileManager.default.removeItem(at: root) }
        let plan = Self.plan(
            reflection: [LessonPlan.Reflection(question: "Why commit after\n processing?", answer: "So a crash replays the record\ninstead of losing it.")],
            code: [LessonPlan.CodeReference(file: "examples/worker/Sources/Worker/Main.swift", region: "commit-after", location: SourceLocation(file: "x"))])
        let outcomes = ConceptChecker(projectRoot: root, skillDirectory: root.appendingPathComponent("skills/kafka-events")).check(plan)
        #expect(outcomes.map(\.name) == ["reference-page", "reference-linked", "reflection-answered", "code-references"])
        #expect(outcomes.allSatisfy { $0.status == .passed })
    }

    @Test("an answer found only in another lesson's section, a missing link and a missing region each fail")
    func failures() throws {
        let root = try Self.skill(linked: false, region: false)
        defer { try? FileManager.default.removeItem(at: root) }
        let plan = Self.plan(
            reflection: [LessonPlan.Reflection(question: "What is a rebalance?", answer: "Partitions move between members.")],
            code: [LessonPlan.CodeReference(
                file: "examples/worker/Sources/Worker/Main.swift", region: "commit-after", location: SourceLocation(file: "lessons/08-x.yaml", line: 40, column: 5))])
        let outcomes = ConceptChecker(projectRoot: root, skillDirectory: root.appendingPathComponent("skills/kafka-events")).check(plan)
        let status = Dictionary(uniqueKeysWithValues: outcomes.map { ($0.name, $0.status) })
        #expect(status == ["reference-page": .passed, "reference-linked": .failed, "reflection-answered": .failed, "code-references": .failed])
        #expect(outcomes[2].detail.contains("\"What is a rebalance?\""))
        #expect(outcomes[3].detail == "lessons/08-x.yaml:40:5: examples/worker/Sources/Worker/Main.swift has no region 'commit-after'")
    }

    @Test("a missing reference page or lesson section says to regenerate the skill")
    func missingPage() throws {
        let root = try Self.skill()
        defer { try? FileManager.default.removeItem(at: root) }
        let skill = root.appendingPathComponent("skills/kafka-events")
        let unknownLesson = Self.plan(reflection: [LessonPlan.Reflection(question: "q", answer: "a")], number: 12)
        let outcomes = ConceptChecker(projectRoot: root, skillDirectory: skill).check(unknownLesson)
        #expect(outcomes.first?.status == .failed)
        #expect(outcomes.first?.detail.contains("no \"## Lesson 12: …\" section") == true)
        try FileManager.default.removeItem(at: skill.appendingPathComponent("references/consumers.md"))
        let missing = ConceptChecker(projectRoot: root, skillDirectory: skill).check(unknownLesson)
        #expect(missing.count == 1)
        #expect(missing.first?.detail.contains("kafka-skill generate") == true)
    }

    @Test("every concept lesson of this repository is answered by the committed skill")
    func repositoryConceptLessons() throws {
        let plans = try PlanLoader(directory: TestProject.root.appendingPathComponent("lessons")).load().filter { $0.kind == .concept }
        let checker = ConceptChecker(projectRoot: TestProject.root, skillDirectory: TestProject.root.appendingPathComponent("skills/kafka-events"))
        for plan in plans {
            let failed = checker.check(plan).filter { $0.status != .passed }
            #expect(failed.isEmpty, "lesson \(plan.number): \(failed.map(\.detail))")
        }
    }
}

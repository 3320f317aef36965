import KafkaSkillModel
import Foundation
import Testing
@testable import SkillKit

@Suite("Loading lesson specs")
struct CourseLoaderTests {
    @Test("A valid course loads with its lessons sorted by number")
    func loadsValidCourse() throws {
        let fixture = try CourseFixture()
        defer { fixture.remove() }
        try fixture.write(CourseFixture.fileName("second", 2), CourseFixture.lesson(id: "second", number: 2))
        try fixture.write(CourseFixture.fileName("first", 1), CourseFixture.lesson(id: "first", number: 1))
        let course = try fixture.load()
        #expect(course.lessons.map(\.id) == ["first", "second"])
        #expect(course.lessons[0].rules.first?.severity == .error)
        #expect(course.skill.topics.map(\.id) == ["basics"])
    }

    @Test("Malformed YAML is reported with its file, line and column")
    func malformedYAML() throws {
        let fixture = try CourseFixture()
        defer { fixture.remove() }
        let text = "id: broken\nnumber: 1\ntitle: [unclosed\nsummary: x\n"
        try fixture.write(CourseFixture.fileName("broken", 1), text)
        let errors = fixture.errors()
        let error = try #require(errors.first { if case .malformedYAML = $0 { true } else { false } })
        #expect(error.location.file == "lessons/01-broken.yaml")
        #expect(error.location.line >= 3)
        #expect(error.location.column > 0)
        #expect(error.description.hasPrefix("lessons/01-broken.yaml:\(error.location.line):\(error.location.column): error:"))
    }

    @Test("An unknown key is named with its position and the allowed keys")
    func unknownKey() throws {
        let fixture = try CourseFixture()
        defer { fixture.remove() }
        let text = CourseFixture.lesson(id: "first", number: 1).replacingOccurrences(of: "title: Lesson first", with: "titel: Lesson first")
        try fixture.write(CourseFixture.fileName("first", 1), text)
        let errors = fixture.errors()
        guard case .unknownKey(let location, let key, _, let allowed)? = errors.first(where: { if case .unknownKey = $0 { true } else { false } }) else {
            Issue.record("expected an unknown-key error, got \(errors)")
            return
        }
        #expect(key == "titel")
        #expect(location.line == 3)
        #expect(location.column == 1)
        #expect(allowed.contains("title"))
        #expect(errors.contains { if case .missingKey(_, "title", _) = $0 { true } else { false } })
    }

    @Test("An unknown key in a nested rule check names the nested context")
    func unknownNestedKey() throws {
        let fixture = try CourseFixture()
        defer { fixture.remove() }
        let text = CourseFixture.lesson(id: "first", number: 1)
            .replacingOccurrences(of: "    severity: error", with: "    severity: error\n    check:\n      config:\n        role: producer\n        key: acks\n        equal: all")
        try fixture.write(CourseFixture.fileName("first", 1), text)
        let message = fixture.errors().map(\.description).joined(separator: "\n")
        #expect(message.contains("unknown key 'equal' in lesson.rules[0].check.config"))
        #expect(message.contains("equals"))
    }

    @Test("Duplicate lesson ids are reported at both places")
    func duplicateLessonIDs() throws {
        let fixture = try CourseFixture()
        defer { fixture.remove() }
        try fixture.write(CourseFixture.fileName("same", 1), CourseFixture.lesson(id: "same", number: 1, ruleID: "rule-a"))
        try fixture.write(CourseFixture.fileName("same", 2), CourseFixture.lesson(id: "same", number: 2, ruleID: "rule-b"))
        let errors = fixture.errors()
        let duplicate = errors.first { if case .duplicateLesson = $0 { true } else { false } }
        guard case .duplicateLesson(let location, let id, let first)? = duplicate else {
            Issue.record("expected a duplicate-lesson error, got \(errors)")
            return
        }
        #expect(id == "same")
        #expect(location.file == "lessons/02-same.yaml")
        #expect(first.file == "lessons/01-same.yaml")
    }

    @Test("Duplicate rule ids across lessons are reported")
    func duplicateRuleIDs() throws {
        let fixture = try CourseFixture()
        defer { fixture.remove() }
        try fixture.write(CourseFixture.fileName("one", 1), CourseFixture.lesson(id: "one", number: 1, ruleID: "shared-rule"))
        try fixture.write(CourseFixture.fileName("two", 2), CourseFixture.lesson(id: "two", number: 2, ruleID: "shared-rule"))
        let errors = fixture.errors()
        guard case .duplicateID(let location, "rule", "shared-rule", let first)? = errors.first else {
            Issue.record("expected a duplicate rule id, got \(errors)")
            return
        }
        #expect(location.file == "lessons/02-two.yaml")
        #expect(first.file == "lessons/01-one.yaml")
        #expect(location.line > 0)
    }

    @Test("A code reference to a missing file is a dangling region")
    func danglingRegionMissingFile() throws {
        let fixture = try CourseFixture()
        defer { fixture.remove() }
        let code = "code:\n  - file: examples/producer/Sources/Main.swift\n    region: idempotent-send\n"
        try fixture.write(CourseFixture.fileName("one", 1), CourseFixture.lesson(id: "one", number: 1, extra: code))
        let errors = fixture.errors()
        guard case .danglingRegion(let location, let file, "idempotent-send", let reason)? = errors.first else {
            Issue.record("expected a dangling region, got \(errors)")
            return
        }
        #expect(file == "examples/producer/Sources/Main.swift")
        #expect(reason.contains("does not exist"))
        #expect(location.file == "lessons/01-one.yaml")
        #expect(location.line > 20)
    }

    @Test("A code reference to a region the file lacks is a dangling region; a present one is cut and dedented")
    func danglingRegionMissingMarker() throws {
        let fixture = try CourseFixture()
        defer { fixture.remove() }
        try fixture.write("examples/producer/Main.swift", """
            func main() {
                // region: send
                let a = 1
                    // region: inner
                    let b = 2
                    // endregion
                // endregion
            }
            """)
        let good = "code:\n  - file: examples/producer/Main.swift\n    region: send\n"
        try fixture.write(CourseFixture.fileName("one", 1), CourseFixture.lesson(id: "one", number: 1, extra: good))
        let course = try fixture.load()
        #expect(course.snippets.first?.text == "let a = 1\n    let b = 2")
        #expect(course.snippets.first?.language == "swift")

        let bad = "code:\n  - file: examples/producer/Main.swift\n    region: absent\n"
        try fixture.write(CourseFixture.fileName("one", 1), CourseFixture.lesson(id: "one", number: 1, extra: bad))
        let errors = fixture.errors()
        guard case .danglingRegion(_, _, "absent", let reason)? = errors.first else {
            Issue.record("expected a dangling region, got \(errors)")
            return
        }
        #expect(reason.contains("marker"))
    }

    @Test("A region without endregion is reported")
    func unclosedRegion() throws {
        let fixture = try CourseFixture()
        defer { fixture.remove() }
        try fixture.write("examples/p.yaml", "# region: open\nkey: value\n")
        let code = "code:\n  - file: examples/p.yaml\n    region: open\n"
        try fixture.write(CourseFixture.fileName("one", 1), CourseFixture.lesson(id: "one", number: 1, extra: code))
        let message = fixture.errors().map(\.description).joined()
        #expect(message.contains("no `endregion` marker"))
    }

    @Test("Decision cells must name defined presets and verify plans must be consistent")
    func crossReferences() throws {
        let fixture = try CourseFixture()
        defer { fixture.remove() }
        let extra = """
            decisions:
              - id: choice
                title: Choice
                question: Which?
                columns: [Option, Settings]
                rows:
                  - [A, {preset: nowhere}]
            """
        let text = CourseFixture.lesson(id: "one", number: 1, extra: extra)
            .replacingOccurrences(of: "  kind: concept", with: "  kind: concept\n  faults: [leader-move]")
        try fixture.write(CourseFixture.fileName("one", 1), text)
        let errors = fixture.errors()
        #expect(errors.contains { if case .undefinedReference(_, "preset", "nowhere", _) = $0 { true } else { false } })
        #expect(errors.contains { if case .invalidValue(_, "verify", _, _) = $0 { true } else { false } })
    }

    @Test("A lesson file must be named after its number and id")
    func fileNameMatches() throws {
        let fixture = try CourseFixture()
        defer { fixture.remove() }
        try fixture.write("lessons/07-wrong.yaml", CourseFixture.lesson(id: "one", number: 1))
        let message = fixture.errors().map(\.description).joined()
        #expect(message.contains("01-one.yaml"))
    }
}

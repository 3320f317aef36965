import Foundation
import KafkaSkillModel

/// Cross-file checks that need the whole course: unique ids, known topics and presets, sensible plans.
struct CourseValidator {
    let skill: SkillSpec
    let lessons: [LessonSpec]

    static func isKebabCase(_ text: String) -> Bool {
        text.wholeMatch(of: /[a-z0-9]+(-[a-z0-9]+)*/) != nil
    }

    func validate() -> [SkillKitError] {
        var errors: [SkillKitError] = []
        errors += checkSkill()
        errors += unique(lessons.map { ($0.id, $0.location) }, kind: "lesson") { id, location, first in
            .duplicateLesson(location, id: id, firstDefinedAt: first)
        }
        errors += unique(lessons.map { (String($0.number), $0.location) }, kind: "lesson") { number, location, first in
            .duplicateLesson(location, id: "number \(number)", firstDefinedAt: first)
        }
        errors += uniqueIDs(lessons.flatMap { $0.rules.map { ($0.id, $0.location) } }, kind: "rule")
        errors += uniqueIDs(lessons.flatMap { $0.presets.map { ($0.id, $0.location) } }, kind: "preset")
        errors += uniqueIDs(lessons.flatMap { $0.diagrams.map { ($0.id, $0.location) } }, kind: "diagram")
        errors += uniqueIDs(lessons.flatMap { $0.decisions.map { ($0.id, $0.location) } }, kind: "decision")
        let topics = skill.topics.map(\.id)
        let presets = lessons.flatMap(\.presets).map(\.id)
        for lesson in lessons {
            if !topics.contains(lesson.topic) {
                errors.append(.undefinedReference(lesson.location, kind: "topic", name: lesson.topic, known: topics))
            }
            if !Self.isKebabCase(lesson.id) {
                errors.append(.invalidValue(lesson.location, field: "id", value: lesson.id, expected: "kebab-case (a-z, 0-9, single hyphens)"))
            }
            errors += checkContent(lesson, presets: presets)
        }
        for topic in skill.topics where !lessons.contains(where: { $0.topic == topic.id }) {
            errors.append(.invalidValue(topic.location, field: "topics", value: topic.id, expected: "a topic that at least one lesson uses"))
        }
        return errors
    }

    private func checkSkill() -> [SkillKitError] {
        var errors = uniqueIDs(skill.topics.map { ($0.id, $0.location) }, kind: "topic")
        for topic in skill.topics where !Self.isKebabCase(topic.id) {
            errors.append(.invalidValue(topic.location, field: "topics.id", value: topic.id, expected: "kebab-case, used as the reference file name"))
        }
        return errors
    }

    private func checkContent(_ lesson: LessonSpec, presets: [String]) -> [SkillKitError] {
        var errors: [SkillKitError] = []
        for rule in lesson.rules where !Self.isKebabCase(rule.id) {
            errors.append(.invalidValue(rule.location, field: "rules.id", value: rule.id, expected: "kebab-case (a-z, 0-9, single hyphens)"))
        }
        for decision in lesson.decisions {
            if decision.rows.isEmpty || decision.columns.count < 2 {
                errors.append(.invalidValue(decision.location, field: "decisions", value: decision.id, expected: "at least two columns and one row"))
            }
            for cell in decision.rows.joined() {
                if case .preset(let name, let location) = cell, !presets.contains(name) {
                    errors.append(.undefinedReference(location, kind: "preset", name: name, known: presets.sorted()))
                }
            }
        }
        for preset in lesson.presets {
            let keys = preset.properties.map(\.key)
            if keys.isEmpty {
                errors.append(.invalidValue(preset.location, field: "presets.properties", value: "[]", expected: "at least one property"))
            }
            if let repeated = keys.first(where: { key in keys.filter { $0 == key }.count > 1 }) {
                errors.append(.invalidValue(preset.location, field: "presets.properties", value: repeated, expected: "each key once"))
            }
        }
        for diagram in lesson.diagrams {
            let type = diagram.mermaid.split(whereSeparator: { $0 == " " || $0 == "\n" }).first.map(String.init) ?? ""
            if !Diagram.knownTypes.contains(type) {
                errors.append(.invalidValue(diagram.location, field: "diagrams.mermaid", value: type, expected: "a Mermaid diagram starting with one of \(Diagram.knownTypes.joined(separator: ", "))"))
            }
        }
        let plan = lesson.verify
        switch plan.kind {
        case .concept where !(plan.examples.isEmpty && plan.faults.isEmpty && plan.assertions.isEmpty):
            errors.append(.invalidValue(plan.location, field: "verify", value: "kind: concept with examples, faults or assertions", expected: "kind: run when anything is to be run"))
        case .run where plan.examples.isEmpty || plan.assertions.isEmpty:
            errors.append(.invalidValue(plan.location, field: "verify", value: "kind: run without examples or assertions", expected: "at least one example and one assertion, or kind: concept"))
        default:
            break
        }
        return errors
    }

    private func uniqueIDs(_ items: [(String, SourceLocation)], kind: String) -> [SkillKitError] {
        unique(items, kind: kind) { id, location, first in .duplicateID(location, kind: kind, id: id, firstDefinedAt: first) }
    }

    private func unique(
        _ items: [(String, SourceLocation)], kind: String,
        error: (String, SourceLocation, SourceLocation) -> SkillKitError
    ) -> [SkillKitError] {
        var seen: [String: SourceLocation] = [:]
        var errors: [SkillKitError] = []
        for (id, location) in items {
            if let first = seen[id] {
                errors.append(error(id, location, first))
            } else {
                seen[id] = location
            }
        }
        return errors
    }
}

public import Foundation
import Yams
import KafkaSkillModel

/// Reads the verify plans out of `lessons/NN-slug.yaml`.
///
/// Only the parts verify needs are read: number, id, title, topic, `reflection`, `code` and the `verify:`
/// section, which is checked strictly (unknown keys, fault scenarios and assertions are errors with their
/// file:line:column). Every problem in every file is reported, not just the first.
public struct PlanLoader: Sendable {
    /// The folder of lesson specs.
    public var directory: URL

    /// Creates a loader for a lessons folder.
    public init(directory: URL) {
        self.directory = directory
    }

    /// Loads every lesson spec, ordered by number.
    /// - Throws: The first ``VerifyError/invalidPlan(_:problem:)`` found, after collecting all of them
    ///   (see ``loadAll()`` for the full list), or ``VerifyError/noLessons(directory:)``.
    public func load() throws -> [LessonPlan] {
        let (plans, errors) = try loadAll()
        if let first = errors.first { throw first }
        return plans
    }

    /// Loads every lesson spec, returning the plans of the files without problems and every problem found.
    /// - Throws: ``VerifyError/noLessons(directory:)`` when the folder holds no lesson specs.
    public func loadAll() throws -> (plans: [LessonPlan], errors: [VerifyError]) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw VerifyError.noLessons(directory: directory.path)
        }
        let files = names.filter(Self.isLessonFile).sorted()
        guard !files.isEmpty else { throw VerifyError.noLessons(directory: directory.path) }
        var plans: [LessonPlan] = []
        var errors: [VerifyError] = []
        for name in files {
            let url = directory.appendingPathComponent(name)
            let display = Self.displayPath(url)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                errors.append(.invalidPlan(SourceLocation(file: display), problem: "the file is not readable UTF-8 text"))
                continue
            }
            let reader = PlanNodeReader(file: display)
            let plan = reader.plan(from: text)
            if let plan, reader.errors.isEmpty { plans.append(plan) }
            errors += reader.errors
        }
        var seen: [Int: String] = [:]
        for plan in plans {
            if let other = seen[plan.number] {
                errors.append(.invalidPlan(plan.location, problem: "lesson number \(plan.number) is also used by \(other); give each lesson its own number"))
            }
            seen[plan.number] = plan.location.file
        }
        return (plans.sorted { $0.number < $1.number }, errors)
    }

    /// Loads the lessons with the given numbers (all when empty).
    /// - Throws: ``VerifyError/unknownLesson(_:available:)`` for a number no spec has, or the loading errors.
    public func load(numbers: [Int]) throws -> [LessonPlan] {
        let plans = try load()
        guard !numbers.isEmpty else { return plans }
        let available = plans.map(\.number)
        return try numbers.map { number in
            guard let plan = plans.first(where: { $0.number == number }) else {
                throw VerifyError.unknownLesson(number, available: available)
            }
            return plan
        }
    }

    /// `NN-slug.yaml`: two digits, a dash, a name.
    static func isLessonFile(_ name: String) -> Bool {
        guard name.hasSuffix(".yaml") || name.hasSuffix(".yml") else { return false }
        let prefix = name.prefix(3)
        return prefix.count == 3 && prefix.prefix(2).allSatisfy(\.isNumber) && prefix.last == "-"
    }

    /// Relative to the working directory when inside it, so locations read like `lessons/06-x.yaml:120:3`.
    static func displayPath(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let path = url.standardizedFileURL.path
        if path.hasPrefix(cwd + "/") { return String(path.dropFirst(cwd.count + 1)) }
        return path
    }
}

/// Walks one composed lesson spec, recording shape errors with their positions.
final class PlanNodeReader {
    let file: String
    private(set) var errors: [VerifyError] = []

    init(file: String) {
        self.file = file
    }

    func location(of node: Node) -> SourceLocation {
        YAMLSource(file: file).location(of: node)
    }

    private func fail(_ node: Node?, _ problem: String) {
        errors.append(.invalidPlan(node.map(location(of:)) ?? SourceLocation(file: file), problem: problem))
    }

    func plan(from text: String) -> LessonPlan? {
        let root: Node
        do {
            guard let node = try YAMLSource(file: file).compose(text) else {
                fail(nil, "the file is empty; a lesson spec needs number, id, title, topic and verify")
                return nil
            }
            root = node
        } catch {
            errors.append(.invalidPlan(error.location, problem: "not valid YAML: \(error.message)"))
            return nil
        }
        guard let top = root.mapping else {
            fail(root, "a lesson spec must be a mapping of keys (number, id, title, topic, verify, …)")
            return nil
        }
        let number = requiredInt(top, "number", in: root)
        let id = requiredString(top, "id", in: root)
        let title = requiredString(top, "title", in: root)
        let topic = requiredString(top, "topic", in: root)
        let reflection = reflections(top["reflection"])
        let code = codeReferences(top["code"])
        guard let verifyNode = top["verify"] else {
            fail(root, "missing key 'verify'; add `verify: {kind: concept}` or a run plan with examples, faults and assertions")
            return nil
        }
        guard let verify = verifySection(verifyNode), let number, let id, let title, let topic else { return nil }
        return LessonPlan(
            number: number, id: id, title: title, topic: topic, kind: verify.kind, examples: verify.examples,
            faults: verify.faults, assertions: verify.assertions, notes: verify.notes, refusedSchemas: verify.refusedSchemas,
            reflection: reflection,
            code: code, location: location(of: verifyNode))
    }

    private struct VerifySection {
        var kind: LessonPlan.Kind
        var examples: [String] = []
        var faults: [FaultScenario] = []
        var assertions: [DeliveryAssertion] = []
        var notes: String?
        var refusedSchemas: [LessonPlan.RefusedSchema] = []
    }

    private func verifySection(_ node: Node) -> VerifySection? {
        guard let mapping = node.mapping else {
            fail(node, "'verify' must be a mapping with kind, examples, faults, assertions and notes")
            return nil
        }
        let allowed = ["kind", "examples", "faults", "assertions", "notes", "refusedSchemas"]
        for key in mapping.keys {
            guard let name = key.string, allowed.contains(name) else {
                fail(key, "unknown key '\(key.string ?? "?")' in verify; allowed: \(allowed.joined(separator: ", "))")
                continue
            }
        }
        guard let kindNode = mapping["kind"] else {
            fail(node, "missing key 'kind' in verify; use run or concept")
            return nil
        }
        guard let kindText = kindNode.string, let kind = LessonPlan.Kind(rawValue: kindText) else {
            fail(kindNode, "verify.kind must be run or concept, not '\(kindNode.string ?? "?")'")
            return nil
        }
        var section = VerifySection(kind: kind)
        section.examples = strings(mapping["examples"], field: "verify.examples")
        for (name, item) in namedStrings(mapping["faults"], field: "verify.faults") {
            if let scenario = FaultScenarioName(rawValue: name) {
                section.faults.append(FaultScenario.scenario(for: scenario))
            } else {
                fail(item, "unknown fault scenario '\(name)'; use one of: \(FaultScenarioName.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        for (name, item) in namedStrings(mapping["assertions"], field: "verify.assertions") {
            if let assertion = DeliveryAssertion(rawValue: name) {
                section.assertions.append(assertion)
            } else {
                fail(item, "unknown assertion '\(name)'; use one of: \(DeliveryAssertion.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        if let notes = mapping["notes"] {
            if let text = notes.string { section.notes = text } else { fail(notes, "verify.notes must be text") }
        }
        section.refusedSchemas = refusedSchemas(mapping["refusedSchemas"])
        if kind == .run, section.examples.isEmpty {
            fail(node, "a run plan needs at least one example under verify.examples (a folder name under examples/)")
        }
        if kind == .run, section.assertions.isEmpty {
            fail(node, "a run plan needs at least one assertion under verify.assertions")
        }
        if kind == .concept, !section.examples.isEmpty || !section.faults.isEmpty || !section.assertions.isEmpty {
            fail(node, "a concept plan runs nothing; remove examples, faults and assertions or use kind: run")
        }
        return section
    }

    /// `refusedSchemas: [{file: specs/schemas/x.avsc, subject: topic-value}]`.
    private func refusedSchemas(_ node: Node?) -> [LessonPlan.RefusedSchema] {
        guard let node else { return [] }
        guard let sequence = node.sequence else {
            fail(node, "verify.refusedSchemas must be a list of {file, subject} mappings")
            return []
        }
        var result: [LessonPlan.RefusedSchema] = []
        for item in sequence {
            guard let entry = item.mapping else {
                fail(item, "verify.refusedSchemas entries must be mappings with file (an .avsc path from the project root) and subject")
                continue
            }
            for key in entry.keys where !["file", "subject"].contains(key.string ?? "") {
                fail(key, "unknown key '\(key.string ?? "?")' in verify.refusedSchemas; allowed: file, subject")
            }
            guard let file = entry["file"]?.string, !file.isEmpty, let subject = entry["subject"]?.string, !subject.isEmpty else {
                fail(item, "a verify.refusedSchemas entry needs file (an .avsc path from the project root) and subject (the registry subject)")
                continue
            }
            result.append(LessonPlan.RefusedSchema(file: file, subject: subject, location: location(of: item)))
        }
        return result
    }

    private func strings(_ node: Node?, field: String) -> [String] {
        namedStrings(node, field: field).map(\.0)
    }

    private func namedStrings(_ node: Node?, field: String) -> [(String, Node)] {
        guard let node else { return [] }
        guard let sequence = node.sequence else {
            fail(node, "\(field) must be a list, e.g. [a, b]")
            return []
        }
        var result: [(String, Node)] = []
        for item in sequence {
            if let text = item.string, !text.isEmpty {
                result.append((text, item))
            } else {
                fail(item, "\(field) entries must be plain names")
            }
        }
        return result
    }

    private func requiredString(_ mapping: Node.Mapping, _ key: String, in node: Node) -> String? {
        guard let value = mapping[key] else {
            fail(node, "missing key '\(key)'")
            return nil
        }
        guard let text = value.string, !text.isEmpty else {
            fail(value, "'\(key)' must be non-empty text")
            return nil
        }
        return text
    }

    private func requiredInt(_ mapping: Node.Mapping, _ key: String, in node: Node) -> Int? {
        guard let value = mapping[key] else {
            fail(node, "missing key '\(key)'")
            return nil
        }
        guard let number = value.int, number > 0 else {
            fail(value, "'\(key)' must be a positive whole number")
            return nil
        }
        return number
    }

    private func reflections(_ node: Node?) -> [LessonPlan.Reflection] {
        guard let node, let sequence = node.sequence else { return [] }
        return sequence.compactMap { item in
            guard let mapping = item.mapping, let question = mapping["question"]?.string, let answer = mapping["answer"]?.string else {
                fail(item, "a reflection entry needs 'question' and 'answer' text")
                return nil
            }
            return LessonPlan.Reflection(question: question, answer: answer)
        }
    }

    private func codeReferences(_ node: Node?) -> [LessonPlan.CodeReference] {
        guard let node, let sequence = node.sequence else { return [] }
        return sequence.compactMap { item in
            guard let mapping = item.mapping, let file = mapping["file"]?.string, let region = mapping["region"]?.string else {
                fail(item, "a code entry needs 'file' and 'region'")
                return nil
            }
            return LessonPlan.CodeReference(file: file, region: region, location: location(of: item))
        }
    }

}

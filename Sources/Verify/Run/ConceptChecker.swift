import KafkaSkillModel
public import Foundation

/// Proves a concept lesson by its spec checks: its part of the skill exists, is linked, answers its reflection
/// questions, and every code region it names exists.
public struct ConceptChecker: Sendable {
    /// The project folder (for `examples/` paths in code references).
    public var projectRoot: URL
    /// The skill bundle, e.g. `skills/kafka-events`.
    public var skillDirectory: URL

    /// Creates a checker.
    public init(projectRoot: URL, skillDirectory: URL) {
        self.projectRoot = projectRoot
        self.skillDirectory = skillDirectory
    }

    /// Runs the spec checks of a lesson.
    /// - Parameter plan: The lesson.
    /// - Returns: One outcome per check.
    public func check(_ plan: LessonPlan) -> [CheckOutcome] {
        let relativePage = "references/\(plan.topic).md"
        let pageURL = skillDirectory.appendingPathComponent(relativePage)
        var outcomes: [CheckOutcome] = []
        guard let page = try? String(contentsOf: pageURL, encoding: .utf8) else {
            return [CheckOutcome(
                name: "reference-page", status: .failed,
                detail: "\(pageURL.path) is missing; run `kafka-skill generate` to render the skill from the lesson specs")]
        }
        let heading = "## Lesson \(plan.number): "
        let section = Self.section(of: page, heading: heading)
        if section == nil {
            outcomes.append(CheckOutcome(
                name: "reference-page", status: .failed,
                detail: "\(relativePage) has no \"\(heading)…\" section; regenerate the skill (`kafka-skill generate`)"))
        } else {
            outcomes.append(CheckOutcome(name: "reference-page", status: .passed, detail: "\(relativePage) holds lesson \(plan.number)"))
        }
        let skill = (try? String(contentsOf: skillDirectory.appendingPathComponent("SKILL.md"), encoding: .utf8)) ?? ""
        outcomes.append(skill.contains(relativePage)
            ? CheckOutcome(name: "reference-linked", status: .passed, detail: "SKILL.md links \(relativePage)")
            : CheckOutcome(
                name: "reference-linked", status: .failed,
                detail: "SKILL.md does not link \(relativePage), so an assistant never reads it; regenerate the skill"))
        let text = Self.normalized(section ?? page)
        let unanswered = plan.reflection.filter { item in
            !text.contains(Self.normalized(item.question)) || !text.contains(Self.normalized(item.answer))
        }
        if plan.reflection.isEmpty {
            outcomes.append(CheckOutcome(
                name: "reflection-answered", status: .failed,
                detail: "the lesson has no reflection questions; add at least one to its spec"))
        } else if unanswered.isEmpty {
            outcomes.append(CheckOutcome(
                name: "reflection-answered", status: .passed,
                detail: "\(plan.reflection.count) reflection questions answered in \(relativePage)"))
        } else {
            outcomes.append(CheckOutcome(
                name: "reflection-answered", status: .failed,
                detail: "\(relativePage) does not answer: " + unanswered.map { "\"\($0.question)\"" }.joined(separator: "; ")
                    + "; regenerate the skill from the spec"))
        }
        let broken = plan.code.filter { !Self.regionExists($0, under: projectRoot) }
        if broken.isEmpty {
            outcomes.append(CheckOutcome(
                name: "code-references", status: .passed,
                detail: plan.code.isEmpty ? "the lesson shows no code" : "\(plan.code.count) code regions found"))
        } else {
            outcomes.append(CheckOutcome(
                name: "code-references", status: .failed,
                detail: broken.map { "\($0.location): \($0.file) has no region '\($0.region)'" }.joined(separator: "; ")))
        }
        return outcomes
    }

    /// The text from `heading` to the next lesson heading (or the end).
    static func section(of page: String, heading: String) -> String? {
        guard let start = page.range(of: heading) else { return nil }
        let rest = page[start.upperBound...]
        let end = rest.range(of: "\n## Lesson ")?.lowerBound ?? rest.endIndex
        return String(page[start.lowerBound..<end])
    }

    /// Whitespace collapsed to single spaces, so a YAML folded answer matches its rendered line.
    static func normalized(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func regionExists(_ reference: LessonPlan.CodeReference, under root: URL) -> Bool {
        guard let text = try? String(contentsOf: root.appendingPathComponent(reference.file), encoding: .utf8) else { return false }
        return text.split(separator: "\n").contains { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return (trimmed.hasPrefix("//") || trimmed.hasPrefix("#")) && trimmed.hasSuffix("region: \(reference.region)")
        }
    }
}

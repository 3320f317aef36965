import Foundation
import Yams
import KafkaSkillModel

/// The prompt and answer schema of a lesson reflection.
struct ReflectionPrompt {
    var spec: String
    var path: String
    var pages: [SkillReference]
    var tokenBudget: Int

    /// The answer: a summary and exact-text edits to the lesson spec.
    static let schema: JSONValue = .object([
        "type": .string("object"),
        "additionalProperties": .bool(false),
        "required": .array([.string("summary"), .string("edits")]),
        "properties": .object([
            "summary": .object(["type": .string("string"), "description": .string("The lesson's gaps in two or three sentences.")]),
            "edits": .object([
                "type": .string("array"),
                "items": .object([
                    "type": .string("object"),
                    "additionalProperties": .bool(false),
                    "required": .array([.string("find"), .string("replace"), .string("reason")]),
                    "properties": .object([
                        "find": .object(["type": .string("string"), "description": .string("Text copied exactly from the spec; it must occur once.")]),
                        "replace": .object(["type": .string("string"), "description": .string("The text to put in its place.")]),
                        "reason": .object(["type": .string("string"), "description": .string("Which objective or question the edit serves.")]),
                    ]),
                ]),
            ]),
        ]),
    ])

    static let system = """
        You improve the kafka-events Agent Skill. Each lesson spec (YAML) is the single source of its part of the \
        skill: its text, its review rules and its verification plan. You get one lesson spec, its objectives and \
        reflection questions, and the skill pages generated from it.
        Check that the skill meets every objective, answers every reflection question correctly and completely, \
        and that the lesson's rules are correct and checkable. Suggest changes to the lesson spec only, as exact \
        text edits: copy "find" exactly from the spec so that it occurs once, put the new text in "replace", and \
        keep the YAML valid and in the spec's style. When the lesson is complete, return no edits.
        """

    func prompt() -> ModelPrompt {
        var user = "LESSON SPEC \(path):\n\n\(spec)\n"
        let (objectives, questions, _) = Self.facts(of: spec)
        user += "\nOBJECTIVES:\n" + (objectives.isEmpty ? "(none listed)\n" : objectives.map { "- \($0)\n" }.joined())
        user += "\nREFLECTION QUESTIONS:\n" + (questions.isEmpty ? "(none listed)\n" : questions.map { "- \($0)\n" }.joined())
        user += "\nSKILL PAGES FROM THIS LESSON:\n"
        if pages.isEmpty {
            user += "(none generated yet)\n"
        }
        var remaining = tokenBudget - TokenEstimate.tokens(in: Self.system + user) - 500
        for page in pages {
            let cost = TokenEstimate.tokens(in: page.text)
            guard cost <= remaining else {
                user += "\n### \(page.name)\n(left out: over the token budget)\n"
                continue
            }
            user += "\n### \(page.name)\n\n\(page.text)\n"
            remaining -= cost
        }
        return ModelPrompt(
            system: Self.system,
            user: user,
            schemaName: "suggest_lesson_edits",
            schemaDescription: "Summarise the lesson's gaps and suggest exact-text edits to its spec.",
            schema: Self.schema
        )
    }

    /// The `objectives` list, any `reflection…` list and the `topic` of a spec, as text.
    ///
    /// Reflection items may be plain questions or mappings such as `{question, answer}`; a mapping
    /// becomes its question followed by the expected answer.
    static func facts(of spec: String) -> (objectives: [String], questions: [String], topic: String?) {
        guard let mapping = (try? Yams.compose(yaml: spec))?.mapping else { return ([], [], nil) }
        var objectives: [String] = []
        var questions: [String] = []
        var topic: String?
        for (key, value) in mapping {
            guard let name = key.scalar?.string.lowercased() else { continue }
            let items = (value.sequence.map(Array.init) ?? [value]).compactMap(Self.text)
            if name == "objectives" || name == "goals" {
                objectives += items
            } else if name.hasPrefix("reflection") {
                questions += items
            } else if name == "topic" {
                topic = value.scalar?.string
            }
        }
        return (objectives, questions, topic)
    }

    private static func text(of node: Node) -> String? {
        if let scalar = node.scalar { return scalar.string }
        guard let mapping = node.mapping else { return nil }
        let fields = Dictionary(mapping.compactMap { key, value in
            key.scalar.flatMap { key in value.scalar.map { (key.string, $0.string.trimmingCharacters(in: .whitespacesAndNewlines)) } }
        }, uniquingKeysWith: { first, _ in first })
        if let question = fields["question"] {
            return fields["answer"].map { "\(question) (expected answer: \($0))" } ?? question
        }
        return fields.isEmpty ? nil : fields.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ")
    }
}

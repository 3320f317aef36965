import Yams

/// Turns one lesson file's YAML into a `LessonSpec`, recording every shape error with its position.
struct LessonParser {
    static let topKeys = [
        "id", "number", "title", "part", "topic", "summary", "objectives", "concepts", "rules", "verify",
    ]
    static let optionalTopKeys = [
        "gotchas", "decisions", "presets", "diagrams", "code", "reflection",
    ]

    let reader: SpecReader

    func parse(_ text: String) -> LessonSpec? {
        guard let root = reader.compose(text) else { return nil }
        guard let fields = reader.fields(root, context: "lesson", required: Self.topKeys, optional: Self.optionalTopKeys) else {
            return nil
        }
        let id = fields.string("id")
        let number = fields.int("number")
        let title = fields.string("title")
        let part = fields.choice("part", as: LessonPart.self)
        let topic = fields.string("topic")
        let summary = fields.string("summary")
        let objectives = fields.strings("objectives")
        let concepts = fields.list("concepts", concept)
        let rules = fields.list("rules", rule)
        let gotchas = fields.list("gotchas", gotcha)
        let decisions = fields.list("decisions", decision)
        let presets = fields.list("presets", preset)
        let diagrams = fields.list("diagrams", diagram)
        let code = fields.list("code", codeReference)
        let reflection = fields.list("reflection", reflectionQuestion)
        let verify = fields.node("verify").flatMap { verifyPlan($0) }
        guard fields.complete, let id, let number, let title, let part, let topic, let summary, let verify else {
            return nil
        }
        return LessonSpec(
            id: id, number: number, title: title, part: part, topic: topic, summary: summary,
            objectives: objectives, concepts: concepts, rules: rules, gotchas: gotchas, decisions: decisions,
            presets: presets, diagrams: diagrams, code: code, reflection: reflection, verify: verify,
            location: reader.location(of: root)
        )
    }

    private func concept(_ node: Node, _ context: String) -> Concept? {
        guard let fields = reader.fields(node, context: context, required: ["term", "explanation"]),
              let term = fields.string("term"), let explanation = fields.string("explanation")
        else { return nil }
        return Concept(term: term, explanation: explanation)
    }

    private func gotcha(_ node: Node, _ context: String) -> Gotcha? {
        guard let fields = reader.fields(node, context: context, required: ["text"], optional: ["headline", "source", "cost"]),
              let text = fields.string("text")
        else { return nil }
        var gotcha = Gotcha(text: text, headline: fields.bool("headline", default: false), source: fields.string("source"))
        if fields.has("cost") {
            guard let cost = fields.choice("cost", as: GotchaCost.self) else { return nil }
            gotcha.cost = cost
        }
        return gotcha
    }

    private func reflectionQuestion(_ node: Node, _ context: String) -> ReflectionQuestion? {
        guard let fields = reader.fields(node, context: context, required: ["question", "answer"]),
              let question = fields.string("question"), let answer = fields.string("answer")
        else { return nil }
        return ReflectionQuestion(question: question, answer: answer)
    }

    private func rule(_ node: Node, _ context: String) -> LessonRule? {
        guard let fields = reader.fields(node, context: context, required: ["id", "rule", "why", "severity"], optional: ["check", "source"])
        else { return nil }
        let id = fields.string("id")
        let rule = fields.string("rule")
        let why = fields.string("why")
        let severity = fields.choice("severity", as: RuleSeverity.self)
        let check = fields.node("check").flatMap { RuleCheckParser(reader: reader).parse($0, context: "\(context).check") }
        if fields.has("check"), check == nil { return nil }
        guard let id, let rule, let why, let severity else { return nil }
        return LessonRule(
            id: id, rule: rule, why: why, severity: severity, check: check, source: fields.string("source"), location: fields.location)
    }

    private func decision(_ node: Node, _ context: String) -> DecisionTable? {
        guard let fields = reader.fields(node, context: context, required: ["id", "title", "question", "columns", "rows"]) else {
            return nil
        }
        let columns = fields.strings("columns")
        let rows: [[DecisionCell]] = fields.list("rows") { rowNode, rowContext in
            guard let cells = reader.sequence(rowNode, field: rowContext) else { return nil }
            if cells.count != columns.count {
                reader.record(.invalidValue(
                    reader.location(of: rowNode), field: rowContext, value: "\(cells.count) cells",
                    expected: "\(columns.count) cells, one per column"
                ))
                return nil
            }
            let parsed = cells.enumerated().compactMap { index, cell in decisionCell(cell, "\(rowContext)[\(index)]") }
            return parsed.count == cells.count ? parsed : nil
        }
        guard let id = fields.string("id"), let title = fields.string("title"), let question = fields.string("question") else {
            return nil
        }
        return DecisionTable(id: id, title: title, question: question, columns: columns, rows: rows, location: fields.location)
    }

    private func decisionCell(_ node: Node, _ context: String) -> DecisionCell? {
        if case .mapping = node {
            guard let fields = reader.fields(node, context: context, required: ["preset"]),
                  let preset = fields.string("preset")
            else { return nil }
            return .preset(preset, fields.location)
        }
        return reader.string(node, field: context).map(DecisionCell.text)
    }

    private func preset(_ node: Node, _ context: String) -> ConfigPreset? {
        guard let fields = reader.fields(node, context: context, required: ["id", "role", "guarantee", "summary", "properties"]) else {
            return nil
        }
        let properties: [PresetProperty] = fields.list("properties") { propertyNode, propertyContext in
            guard let property = reader.fields(propertyNode, context: propertyContext, required: ["key", "value", "why"]),
                  let key = property.string("key"), let value = property.string("value"), let why = property.string("why")
            else { return nil }
            return PresetProperty(key: key, value: value, why: why)
        }
        guard let id = fields.string("id"), let role = fields.choice("role", as: PresetRole.self),
              let guarantee = fields.choice("guarantee", as: DeliveryGuarantee.self), let summary = fields.string("summary")
        else { return nil }
        return ConfigPreset(id: id, role: role, guarantee: guarantee, summary: summary, properties: properties, location: fields.location)
    }

    private func diagram(_ node: Node, _ context: String) -> Diagram? {
        guard let fields = reader.fields(node, context: context, required: ["id", "title", "mermaid"]),
              let id = fields.string("id"), let title = fields.string("title"), let mermaid = fields.string("mermaid")
        else { return nil }
        return Diagram(id: id, title: title, mermaid: mermaid, location: fields.location)
    }

    private func codeReference(_ node: Node, _ context: String) -> CodeReference? {
        guard let fields = reader.fields(node, context: context, required: ["file", "region"], optional: ["caption"]),
              let file = fields.string("file"), let region = fields.string("region")
        else { return nil }
        return CodeReference(file: file, region: region, caption: fields.string("caption"), location: fields.location)
    }

    private func verifyPlan(_ node: Node) -> VerifyPlan? {
        guard let fields = reader.fields(
            node, context: "verify", required: ["kind"], optional: ["examples", "faults", "assertions", "notes", "refusedSchemas"]
        ) else { return nil }
        let kind = fields.choice("kind", as: VerifyPlan.Kind.self)
        let examples = fields.strings("examples")
        let faults = fields.list("faults") { node, field in reader.choice(node, field: field, as: FaultScenario.self) }
        let assertions = fields.list("assertions") { node, field in reader.choice(node, field: field, as: HistoryAssertion.self) }
        let notes = fields.string("notes")
        let refused = fields.list("refusedSchemas") { node, field -> VerifyPlan.RefusedSchema? in
            guard let entry = reader.fields(node, context: field, required: ["file", "subject"]),
                  let file = entry.string("file"), let subject = entry.string("subject")
            else { return nil }
            return VerifyPlan.RefusedSchema(file: file, subject: subject)
        }
        guard let kind else { return nil }
        return VerifyPlan(
            kind: kind, examples: examples, faults: faults, assertions: assertions, notes: notes, refusedSchemas: refused,
            location: fields.location)
    }
}

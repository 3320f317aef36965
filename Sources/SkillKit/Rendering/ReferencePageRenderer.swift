/// Renders one `references/<topic>.md` page: a section per lesson of the topic.
struct ReferencePageRenderer {
    let page: ReferencePage
    let layout: BundleLayout

    /// Files longer than this get a `## Contents` list at the top (Anthropic's authoring guidance).
    static let contentsThreshold = 100

    func render() -> String {
        let head = [Markdown.banner, "", "# \(page.topic.title)", "", "Read this when \(Markdown.inline(page.topic.readWhen))", ""]
        let sections = page.lessons.map(section)
        var body = sections.flatMap(\.self)
        while body.last == "" { body.removeLast() }
        var lines = head + body
        if lines.count > Self.contentsThreshold {
            let contents = ["## Contents", ""] + page.lessons.map { "- \(heading(for: $0))" }
            lines = head + contents + [""] + body
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func heading(for lesson: LessonSpec) -> String {
        "Lesson \(lesson.number): \(Markdown.inline(lesson.title))"
    }

    private func section(_ lesson: LessonSpec) -> [String] {
        var lines = ["## \(heading(for: lesson))", "", lesson.summary.trimmingTrailingNewlines(), ""]
        if !lesson.concepts.isEmpty {
            lines += ["### Concepts", ""]
            lines += lesson.concepts.map { "- **\(Markdown.inline($0.term))**: \(Markdown.inline($0.explanation))" }
            lines.append("")
        }
        if !lesson.rules.isEmpty {
            lines += ["### Rules", ""] + lesson.rules.map(rule) + [""]
        }
        for decision in lesson.decisions {
            lines += ["### \(Markdown.inline(decision.title))", "", Markdown.inline(decision.question), ""]
            lines += Markdown.table(columns: decision.columns, rows: decision.rows.map { $0.map(cell) })
            lines.append("")
        }
        for diagram in lesson.diagrams {
            lines += ["### \(Markdown.inline(diagram.title))", ""] + Markdown.fenced(diagram.mermaid, language: "mermaid") + [""]
        }
        for preset in lesson.presets {
            lines += ["### Preset `\(preset.id)`", "", "\(Markdown.inline(preset.summary)) File: `assets/presets/\(preset.id).properties`.", ""]
            lines += Markdown.table(
                columns: ["Property", "Value", "Why"],
                rows: preset.properties.map { [Markdown.code($0.key), Markdown.code($0.value), Markdown.cell($0.why)] }
            )
            lines.append("")
        }
        for reference in lesson.code {
            guard let snippet = layout.snippets.first(where: { $0.file == reference.file && $0.region == reference.region }) else { continue }
            lines += ["### Code: `\(reference.region)`", ""]
            if let caption = reference.caption { lines += [Markdown.inline(caption), ""] }
            lines += Markdown.fenced(snippet.text, language: snippet.language)
            lines += ["", "From `\(snippet.file)`, region `\(snippet.region)`.", ""]
        }
        if !lesson.gotchas.isEmpty {
            let byCost = lesson.gotchas.enumerated().sorted { ($0.element.cost, $0.offset) < ($1.element.cost, $1.offset) }.map(\.element)
            lines += ["### Gotchas", ""] + byCost.map { "- \(Markdown.inline($0.text))\(Self.source($0.source))" } + [""]
        }
        lines += [verification(lesson.verify), ""]
        return lines + learnerSection(lesson)
    }

    /// Objectives and self-check questions are for people taking the course, so they close the lesson's
    /// section, after everything an assistant needs (verify's concept check reads them there).
    private func learnerSection(_ lesson: LessonSpec) -> [String] {
        guard !lesson.objectives.isEmpty || !lesson.reflection.isEmpty else { return [] }
        var lines = ["### For learners", ""]
        if !lesson.objectives.isEmpty {
            lines += ["After this lesson you can:", ""] + lesson.objectives.map { "- \(Markdown.inline($0))" } + [""]
        }
        if !lesson.reflection.isEmpty {
            lines += ["Check yourself:", ""]
            for (index, item) in lesson.reflection.enumerated() {
                lines.append("\(index + 1). \(Markdown.inline(item.question)) — *Expected:* \(Markdown.inline(item.answer))")
            }
            lines.append("")
        }
        return lines
    }

    private func rule(_ rule: LessonRule) -> String {
        var text = "- \(Markdown.code(rule.id)) (\(rule.severity.rawValue)): \(Markdown.inline(rule.rule)) Why: \(Markdown.inline(rule.why))"
        switch rule.check {
        case .config(let check)?:
            text += " Check: \(check.role.rawValue) \(Markdown.code(check.condition.key)) \(check.condition.predicate.summary)"
            if let when = check.when {
                text += " when \(Markdown.code(when.key)) is \(when.predicate.summary)"
            }
            text += "."
        case .code(let check)?:
            text += " Check: \(Markdown.inline(check.message))"
            if let fix = check.fix { text += " Fix: \(Markdown.inline(fix))" }
        case nil:
            break
        }
        return text + Self.source(rule.source)
    }

    /// ` Source: …` after a rule or gotcha whose spec records where the fact comes from.
    static func source(_ source: String?) -> String {
        guard let source else { return "" }
        return " Source: \(Markdown.inline(source))"
    }

    private func cell(_ cell: DecisionCell) -> String {
        switch cell {
        case .text(let text):
            return Markdown.cell(text)
        case .preset(let id, _):
            guard let preset = layout.preset(named: id) else { return Markdown.code(id) }
            return preset.properties.map { Markdown.code("\($0.key)=\($0.value)") }.joined(separator: ", ")
        }
    }

    private func verification(_ plan: VerifyPlan) -> String {
        var text: String
        switch plan.kind {
        case .concept:
            text = "*Verification:* concept lesson; nothing to run."
        case .run:
            let faults = plan.faults.isEmpty ? "no faults" : plan.faults.map(\.rawValue).joined(separator: ", ")
            let checks = plan.assertions.map(\.rawValue).joined(separator: ", ")
            let missing = plan.examples.filter { !layout.existingExamples.contains($0) }
            guard missing.isEmpty else {
                let folders = missing.map { "`examples/\($0)`" }.joined(separator: ", ")
                return "*Verification:* pending. \(folders) \(missing.count == 1 ? "does" : "do") not exist yet, so nothing in this lesson has been run; once \(missing.count == 1 ? "it exists" : "they exist"), `kafka-skill verify` is to run it under \(faults) and check \(checks)."
            }
            text = "*Verification:* `kafka-skill verify` runs \(plan.examples.joined(separator: ", ")) under \(faults) and checks \(checks)."
            for refused in plan.refusedSchemas {
                text += " The registry must refuse \(Markdown.code(refused.file)) under \(Markdown.code(refused.subject))."
            }
        }
        if let notes = plan.notes { text += " \(Markdown.inline(notes))" }
        return text
    }
}

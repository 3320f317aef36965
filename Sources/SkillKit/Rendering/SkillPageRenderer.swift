import Foundation

/// Renders `SKILL.md`: frontmatter, workflow checklist, defaults, key rules, gotchas and the reference list.
struct SkillPageRenderer {
    let layout: BundleLayout

    func render() -> String {
        var lines = frontmatter()
        lines += ["", Markdown.banner, "", "# \(layout.skill.title)", "", layout.skill.intro.trimmingTrailingNewlines(), ""]
        lines += workflow()
        lines += tools()
        lines += defaults()
        lines += rules()
        lines += gotchas()
        lines += referenceList()
        return lines.joined(separator: "\n") + "\n"
    }

    /// Frontmatter written by hand in the subset of YAML that strictyaml (skills-ref) accepts:
    /// block style only, every value double-quoted so `: `, ` #` and `---` cannot change its meaning.
    private func frontmatter() -> [String] {
        let skill = layout.skill
        var lines = ["---", "name: \(skill.name)", "description: \(Self.quoted(Markdown.inline(skill.description)))"]
        if let license = skill.license { lines.append("license: \(Self.quoted(Markdown.inline(license)))") }
        if let compatibility = skill.compatibility {
            lines.append("compatibility: \(Self.quoted(Markdown.inline(compatibility)))")
        }
        if !skill.metadata.isEmpty {
            lines.append("metadata:")
            for key in skill.metadata.keys.sorted() {
                lines.append("  \(key): \(Self.quoted(Markdown.inline(skill.metadata[key] ?? "")))")
            }
        }
        lines.append("---")
        return lines
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private func workflow() -> [String] {
        let steps = layout.skill.workflow
        var lines = ["## Workflow", "", "Copy this checklist and track your progress:", "", "```"]
        for (index, step) in steps.enumerated() {
            lines.append("- [ ] Step \(index + 1): \(Markdown.inline(step.title))")
        }
        lines += ["```", ""]
        for (index, step) in steps.enumerated() {
            lines += ["**Step \(index + 1): \(Markdown.inline(step.title)).** \(Markdown.inline(step.detail))", ""]
        }
        return lines
    }

    private func tools() -> [String] {
        let skill = layout.skill
        guard !skill.tools.isEmpty else { return [] }
        var lines = ["## Project tools", ""]
        lines += skill.tools.map { "- `\($0.usage)`: \(Markdown.inline($0.use))" }
        lines.append("")
        if let missing = skill.toolsMissing { lines += [Markdown.inline(missing), ""] }
        return lines
    }

    private func defaults() -> [String] {
        guard !layout.defaults.isEmpty else { return [] }
        var lines = [
            "## Defaults to reach for", "",
            "Start from the preset for the guarantee the flow needs; each file explains every property in a comment.",
            "`assets/presets/index.yaml` lists them all in machine-readable form.", "",
        ]
        let rows = layout.defaults.map { row in
            [Markdown.cell(row.guarantee.rawValue), Self.presetCell(row.producer), Self.presetCell(row.consumer)]
        }
        lines += Markdown.table(columns: ["Guarantee", "Producer", "Consumer"], rows: rows)
        lines.append("")
        return lines
    }

    static func presetCell(_ preset: ConfigPreset?) -> String {
        guard let preset else { return "—" }
        let settings = preset.properties.map { Markdown.code("\($0.key)=\($0.value)") }.joined(separator: ", ")
        return "\(settings) ([\(preset.id)](assets/presets/\(preset.id).properties))"
    }

    private func rules() -> [String] {
        guard !layout.keyRules.isEmpty else { return [] }
        var lines = ["## Rules that prevent data loss and duplicates", ""]
        for rule in layout.keyRules {
            lines.append("- \(Markdown.inline(rule.rule)) (\(Markdown.code(rule.id)))")
        }
        lines.append("")
        return lines
    }

    private func gotchas() -> [String] {
        guard !layout.headlineGotchas.isEmpty else { return [] }
        var lines = ["## Gotchas", ""]
        for gotcha in layout.headlineGotchas {
            lines.append("- \(Markdown.inline(gotcha.text))")
        }
        lines.append("")
        return lines
    }

    private func referenceList() -> [String] {
        var lines = ["## Reference files", ""]
        for page in layout.references {
            let path = page.topic.referencePath
            lines.append("- Read [\(path)](\(path)) when \(Markdown.inline(page.topic.readWhen))")
        }
        return lines
    }
}

import Yams

/// Turns `lessons/skill.yaml` into a `SkillSpec`.
struct SkillSpecParser {
    let reader: SpecReader

    func parse(_ text: String) -> SkillSpec? {
        guard let root = reader.compose(text),
              let fields = reader.fields(
                  root, context: "skill",
                  required: ["name", "description", "title", "intro", "workflow", "topics"],
                  optional: ["license", "compatibility", "metadata", "tools", "toolsMissing"]
              )
        else { return nil }
        let workflow: [WorkflowStep] = fields.list("workflow") { node, context in
            guard let step = reader.fields(node, context: context, required: ["title", "detail"]),
                  let title = step.string("title"), let detail = step.string("detail")
            else { return nil }
            return WorkflowStep(title: title, detail: detail)
        }
        let topics: [SkillTopic] = fields.list("topics") { node, context in
            guard let topic = reader.fields(node, context: context, required: ["id", "title", "readWhen"]),
                  let id = topic.string("id"), let title = topic.string("title"), let readWhen = topic.string("readWhen")
            else { return nil }
            return SkillTopic(id: id, title: title, readWhen: readWhen, location: topic.location)
        }
        let tools: [SkillTool] = fields.list("tools") { node, context in
            guard let tool = reader.fields(node, context: context, required: ["usage", "use"]),
                  let usage = tool.string("usage"), let use = tool.string("use")
            else { return nil }
            return SkillTool(usage: usage, use: use)
        }
        var metadata: [String: String] = [:]
        if let node = fields.node("metadata") {
            if case .mapping(let mapping) = node {
                for (key, value) in mapping {
                    guard let name = key.scalar?.string, let text = reader.string(value, field: "skill.metadata.\(name)") else { continue }
                    metadata[name] = text
                }
            } else {
                reader.record(.wrongType(reader.location(of: node), field: "skill.metadata", expected: "a mapping of strings to strings"))
            }
        }
        guard fields.complete, let name = fields.string("name"), let description = fields.string("description"),
              let title = fields.string("title"), let intro = fields.string("intro")
        else { return nil }
        var skill = SkillSpec(
            name: name, description: description, title: title, intro: intro, workflow: workflow, topics: topics,
            license: fields.string("license"), compatibility: fields.string("compatibility"), metadata: metadata,
            location: reader.location(of: root)
        )
        skill.tools = tools
        skill.toolsMissing = fields.string("toolsMissing")
        return skill
    }
}

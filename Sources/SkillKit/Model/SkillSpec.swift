/// The bundle-level spec in `lessons/skill.yaml`: the skill's identity, workflow and topic areas.
public struct SkillSpec: Sendable, Equatable {
    /// The skill's name; must match the bundle folder's name.
    public var name: String
    /// The frontmatter description: what the skill does and when to use it, in the third person.
    public var description: String
    /// The `# ` heading of `SKILL.md`.
    public var title: String
    /// The paragraph under the heading.
    public var intro: String
    /// The workflow rendered as a copyable checklist.
    public var workflow: [WorkflowStep]
    /// The topic areas; each becomes `references/<id>.md`.
    public var topics: [SkillTopic]
    /// Optional frontmatter `license`.
    public var license: String?
    /// Optional frontmatter `compatibility`.
    public var compatibility: String?
    /// Optional frontmatter `metadata` (string keys to string values), sorted by key when rendered.
    public var metadata: [String: String]
    /// The project's own commands an assistant should use, with when to use each (`tools:`).
    public var tools: [SkillTool] = []
    /// What to do when the `kafka-skill` command is not installed (`toolsMissing:`).
    public var toolsMissing: String?
    /// Where the spec starts.
    public var location: SourceLocation

    /// Creates a skill spec.
    public init(
        name: String, description: String, title: String, intro: String, workflow: [WorkflowStep],
        topics: [SkillTopic], license: String?, compatibility: String?, metadata: [String: String], location: SourceLocation
    ) {
        self.name = name
        self.description = description
        self.title = title
        self.intro = intro
        self.workflow = workflow
        self.topics = topics
        self.license = license
        self.compatibility = compatibility
        self.metadata = metadata
        self.location = location
    }
}

/// One step of the skill's workflow.
public struct WorkflowStep: Sendable, Equatable {
    /// The checklist line.
    public var title: String
    /// What to do in the step, in a few sentences.
    public var detail: String

    /// Creates a workflow step.
    public init(title: String, detail: String) {
        self.title = title
        self.detail = detail
    }
}

/// A topic area of the skill, rendered as one reference file.
public struct SkillTopic: Sendable, Equatable {
    /// The topic's id and the reference file's base name (kebab-case).
    public var id: String
    /// The reference file's heading.
    public var title: String
    /// When an assistant should read the file, completing "Read … when …".
    public var readWhen: String
    /// Where the topic is defined.
    public var location: SourceLocation

    /// Creates a topic.
    public init(id: String, title: String, readWhen: String, location: SourceLocation) {
        self.id = id
        self.title = title
        self.readWhen = readWhen
        self.location = location
    }

    /// The reference file's path inside the bundle.
    public var referencePath: String { "references/\(id).md" }
}

/// One of the project's commands as `SKILL.md` presents it to an assistant.
public struct SkillTool: Sendable, Equatable {
    /// The command line, with placeholders in capitals (`kafka-skill review PATH…`).
    public var usage: String
    /// When to run it and what it answers.
    public var use: String

    /// Creates a tool entry.
    public init(usage: String, use: String) {
        self.usage = usage
        self.use = use
    }
}

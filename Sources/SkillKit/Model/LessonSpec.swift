public import KafkaSkillModel
/// One lesson of the course, parsed from `lessons/NN-slug.yaml`.
///
/// A lesson is the single source for its part of the skill, for the review rules that belong to it
/// and for the verify plan that proves it.
public struct LessonSpec: Sendable, Equatable {
    /// The lesson's slug, the `slug` of its file name (kebab-case).
    public var id: String
    /// The lesson's position in the chapter, the `NN` of its file name.
    public var number: Int
    /// The lesson's title.
    public var title: String
    /// The part of the chapter the lesson belongs to.
    public var part: LessonPart
    /// The id of the skill topic (reference file) the lesson renders into.
    public var topic: String
    /// One paragraph saying what the lesson teaches and why it matters.
    public var summary: String
    /// What a reader can do after the lesson.
    public var objectives: [String]
    /// Terms with precise explanations.
    public var concepts: [Concept]
    /// Rules an assistant must follow; Review checks the ones with a `check`.
    public var rules: [LessonRule]
    /// Facts that defy assumptions.
    public var gotchas: [Gotcha]
    /// Trade-off tables.
    public var decisions: [DecisionTable]
    /// Client property sets rendered into `assets/presets/`.
    public var presets: [ConfigPreset]
    /// Mermaid diagrams.
    public var diagrams: [Diagram]
    /// Regions of files under `examples/` shown as code blocks.
    public var code: [CodeReference]
    /// Questions that close the lesson, with the answers expected.
    public var reflection: [ReflectionQuestion]
    /// How `verify` proves the lesson.
    public var verify: VerifyPlan
    /// Where the lesson's spec starts.
    public var location: SourceLocation

    /// Creates a lesson; the loader fills every field from the spec.
    public init(
        id: String, number: Int, title: String, part: LessonPart, topic: String, summary: String,
        objectives: [String], concepts: [Concept], rules: [LessonRule], gotchas: [Gotcha],
        decisions: [DecisionTable], presets: [ConfigPreset], diagrams: [Diagram], code: [CodeReference],
        reflection: [ReflectionQuestion], verify: VerifyPlan, location: SourceLocation
    ) {
        self.id = id
        self.number = number
        self.title = title
        self.part = part
        self.topic = topic
        self.summary = summary
        self.objectives = objectives
        self.concepts = concepts
        self.rules = rules
        self.gotchas = gotchas
        self.decisions = decisions
        self.presets = presets
        self.diagrams = diagrams
        self.code = code
        self.reflection = reflection
        self.verify = verify
        self.location = location
    }
}

/// The whole validated course: the skill spec and its lessons, sorted by number.
public struct Course: Sendable, Equatable {
    /// The bundle-level spec.
    public var skill: SkillSpec
    /// The lessons, sorted by number.
    public var lessons: [LessonSpec]
    /// The code regions the lessons reference, resolved from the files under the project root.
    public var snippets: [CodeSnippet]

    /// The examples named by verify plans that exist (a folder with a `Package.swift` under `examples/`).
    public var existingExamples: Set<String>

    /// Creates a course.
    public init(skill: SkillSpec, lessons: [LessonSpec], snippets: [CodeSnippet], existingExamples: Set<String> = []) {
        self.skill = skill
        self.lessons = lessons.sorted { $0.number < $1.number }
        self.snippets = snippets
        self.existingExamples = existingExamples
    }

    /// Every preset of every lesson, in lesson order.
    public var presets: [ConfigPreset] { lessons.flatMap(\.presets) }

    /// Every rule of every lesson, in lesson order.
    public var rules: [LessonRule] { lessons.flatMap(\.rules) }

    /// The snippet cut for a code reference, if it was resolved.
    public func snippet(for reference: CodeReference) -> CodeSnippet? {
        snippets.first { $0.file == reference.file && $0.region == reference.region }
    }
}

/// The text of one code region, cut from a file and dedented.
public struct CodeSnippet: Sendable, Equatable {
    /// The file's path relative to the project root.
    public var file: String
    /// The region name.
    public var region: String
    /// The fenced-block language (`swift`, `yaml`, …).
    public var language: String
    /// The region's lines without the markers, common indentation removed.
    public var text: String

    /// Creates a snippet.
    public init(file: String, region: String, language: String, text: String) {
        self.file = file
        self.region = region
        self.language = language
        self.text = text
    }
}

/// The structured model of the bundle, translated from the course before any text is rendered.
///
/// Each page model holds exactly what its renderer prints, already sorted; renderers add no logic.
public struct BundleLayout: Sendable, Equatable {
    /// The skill's identity and frontmatter.
    public var skill: SkillSpec
    /// The rows of the "defaults to reach for" table, one per guarantee that has presets.
    public var defaults: [DefaultsRow]
    /// The error-severity rules for Kafka code, listed in `SKILL.md`; rules for maintaining the skill itself
    /// (the build-your-skill part) stay in their reference page.
    public var keyRules: [LessonRule]
    /// The headline gotchas, listed in `SKILL.md`.
    public var headlineGotchas: [Gotcha]
    /// One page per topic, in the order the skill spec lists topics.
    public var references: [ReferencePage]
    /// Every preset, in lesson order, with the lesson file it comes from.
    public var presets: [PresetAsset]
    /// The code regions the pages show.
    public var snippets: [CodeSnippet]
    /// The examples that exist; a verify plan naming any other is rendered as pending.
    public var existingExamples: Set<String>

    /// Translates a validated course into the bundle model.
    /// - Parameter course: The loaded course.
    public init(course: Course) {
        skill = course.skill
        presets = course.lessons.flatMap { lesson in
            lesson.presets.map { PresetAsset(preset: $0, sourceFile: lesson.location.file) }
        }
        defaults = DeliveryGuarantee.allCases.compactMap { guarantee in
            let matching = course.presets.filter { $0.guarantee == guarantee }
            guard !matching.isEmpty else { return nil }
            return DefaultsRow(
                guarantee: guarantee,
                producer: matching.first { $0.role == .producer },
                consumer: matching.first { $0.role == .consumer }
            )
        }
        keyRules = course.lessons.filter { $0.part != .buildYourSkill }.flatMap(\.rules).filter { $0.severity == .error }
        headlineGotchas = course.lessons.flatMap(\.gotchas).filter(\.headline).enumerated()
            .sorted { ($0.element.cost, $0.offset) < ($1.element.cost, $1.offset) }.map(\.element)
        references = course.skill.topics.map { topic in
            ReferencePage(topic: topic, lessons: course.lessons.filter { $0.topic == topic.id })
        }
        snippets = course.snippets
        existingExamples = course.existingExamples
    }

    /// The preset with an id, if any.
    public func preset(named id: String) -> ConfigPreset? {
        presets.first { $0.preset.id == id }?.preset
    }
}

/// A row of the defaults table in `SKILL.md`.
public struct DefaultsRow: Sendable, Equatable {
    /// The guarantee the row stands for.
    public var guarantee: DeliveryGuarantee
    /// The producer preset for the guarantee.
    public var producer: ConfigPreset?
    /// The consumer preset for the guarantee.
    public var consumer: ConfigPreset?
}

/// A reference file: one topic and its lessons, sorted by number.
public struct ReferencePage: Sendable, Equatable {
    /// The topic.
    public var topic: SkillTopic
    /// The lessons that render into the page.
    public var lessons: [LessonSpec]
}

/// A preset and the lesson file it comes from.
public struct PresetAsset: Sendable, Equatable {
    /// The preset.
    public var preset: ConfigPreset
    /// The spec file that defines it, as shown in the asset's header.
    public var sourceFile: String

    /// The asset's path inside the bundle.
    public var path: String { "assets/presets/\(preset.id).properties" }
}

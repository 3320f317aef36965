public import Foundation

/// Reviews code against the lesson rules: the static checks always, the model when configured.
///
/// This is the library behind `kafka-skill review PATH…`.
public struct Reviewer: Sendable {
    /// The folder paths are resolved against and reports are relative to.
    public var baseDirectory: URL
    /// The folder of lesson specs whose rules are checked.
    public var lessonsDirectory: URL
    /// Whether a missing lessons folder is an error (it was named) or only a note (the default).
    public var requiresLessons: Bool
    /// The skill folder whose `references/*.md` the model review may use.
    public var skillDirectory: URL
    /// The model to ask, or `nil` for the static review alone.
    public var model: ModelConfiguration?

    /// Creates a reviewer.
    /// - Parameters:
    ///   - baseDirectory: The folder paths are resolved against.
    ///   - lessonsDirectory: The folder of lesson specs.
    ///   - requiresLessons: Whether a missing lessons folder is an error.
    ///   - skillDirectory: The skill folder.
    ///   - model: The model to ask, or `nil`.
    public init(baseDirectory: URL, lessonsDirectory: URL, requiresLessons: Bool = false, skillDirectory: URL, model: ModelConfiguration?) {
        self.baseDirectory = baseDirectory
        self.lessonsDirectory = lessonsDirectory
        self.requiresLessons = requiresLessons
        self.skillDirectory = skillDirectory
        self.model = model
    }

    /// Reviews files and folders.
    /// - Parameter paths: Files or folders to review.
    /// - Returns: The report with static and model findings merged.
    /// - Throws: ``ReviewError`` for unreadable paths, invalid rules, or a model review that fails.
    public func review(paths: [String]) async throws -> ReviewReport {
        var notes: [String] = []
        let rules: [ReviewRule]
        if FileManager.default.fileExists(atPath: lessonsDirectory.path) || requiresLessons {
            rules = try ReviewRuleLoader().loadRules(fromDirectory: lessonsDirectory)
        } else {
            rules = []
            notes.append("No lessons folder at \(lessonsDirectory.path), so there are no rules to check; run from the repository root or pass --lessons DIR.")
        }
        var skipped: [String] = []
        let sources = try ReviewSourceCollector(baseDirectory: baseDirectory).collect(paths, skipped: &skipped)
        notes += skipped
        let staticFindings = StaticReviewer(rules: rules).review(sources)
        guard let model else {
            notes.append("Model review is off; to enable it, \(ModelConfiguration.enableHint)")
            return ReviewReport(findings: staticFindings, rules: rules, filesReviewed: sources.count, notes: notes)
        }
        let reviewer = ModelReviewer(client: ModelClient(configuration: model), rules: rules, references: try SkillReference.load(fromSkill: skillDirectory))
        let (modelFindings, summary) = try await reviewer.review(sources)
        return ReviewReport(
            findings: FindingMerger.merge(staticFindings, modelFindings),
            rules: rules,
            filesReviewed: sources.count,
            modelReview: summary,
            notes: notes
        )
    }
}

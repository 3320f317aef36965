public import Foundation
public import KafkaSkillModel

/// Everything a scaffold will do, computed without touching the disk: shown by `--dry-run` and `--diff`,
/// carried out by ``Scaffolder/apply(_:)``.
public struct ScaffoldPlan: Sendable {
    /// The project folder.
    public var outputDirectory: URL
    /// The template used.
    public var templateID: String
    /// The template's version.
    public var templateVersion: String
    /// The spec, where it came from, and its diagnostics.
    public var spec: LoadedSpec
    /// What happens to each file, sorted by path.
    public var files: [PlannedFile]
    /// Whether the folder held a previous scaffold, so that edits were merged.
    public var isRegeneration: Bool
    /// The new render, stored as the next merge base.
    var render: [RenderedFile]
    /// The new answers file's text.
    var answersText: String
    /// Merge bases of files the template no longer writes, to delete.
    var staleBases: [String]

    /// Warnings and notes from reading the spec.
    public var diagnostics: [Diagnostic] { spec.diagnostics }

    /// How many conflicts the merged files hold in all.
    public var conflictCount: Int { files.reduce(0) { $0 + $1.conflictCount } }

    /// The files whose merge left conflict markers.
    public var conflictedFiles: [PlannedFile] { files.filter { $0.action == .conflict } }

    /// Whether anything on disk changes (the answers file and merge bases aside).
    public var changesFiles: Bool { files.contains { $0.action.writes } }

    /// The unified diffs of every change, concatenated.
    public var diff: String { files.map(\.diff).joined() }
}

/// What ``Scaffolder/apply(_:)`` did.
public struct ScaffoldResult: Sendable {
    /// The plan that was carried out.
    public var plan: ScaffoldPlan
    /// The paths written or removed.
    public var changedPaths: [String]
}

import KafkaSkillModel
public import Foundation

/// The `generate` pipeline: load the lesson specs, render the bundle, then write or compare it.
public struct SkillGenerator: Sendable {
    /// The folder holding `skill.yaml` and the lesson specs.
    public var lessonsDirectory: URL
    /// The bundle folder to write or check; its name must equal the skill's name.
    public var outputDirectory: URL
    /// The folder code references are relative to. Default: the lessons folder's parent.
    public var projectRoot: URL?

    /// Creates a generator.
    /// - Parameters:
    ///   - lessonsDirectory: The folder holding the specs. Default in the CLI: `./lessons`.
    ///   - outputDirectory: The bundle folder. Default in the CLI: `./skills/kafka-events`.
    ///   - projectRoot: The folder code references are relative to; defaults to the lessons folder's parent.
    public init(lessonsDirectory: URL, outputDirectory: URL, projectRoot: URL? = nil) {
        self.lessonsDirectory = lessonsDirectory
        self.outputDirectory = outputDirectory
        self.projectRoot = projectRoot
    }

    /// Loads the course and renders it in memory.
    /// - Returns: The bundle files, sorted by path.
    /// - Throws: `SkillKitError` for invalid specs or a skill name that does not match the output folder.
    public func render() throws(SkillKitError) -> [BundleFile] {
        let course = try CourseLoader(lessonsDirectory: lessonsDirectory, projectRoot: projectRoot).load()
        let folder = outputDirectory.standardizedFileURL.lastPathComponent
        guard folder == course.skill.name else {
            throw .invalidValue(
                course.skill.location, field: "name", value: course.skill.name,
                expected: "the bundle folder's name '\(folder)' (Agent Skills require them to match); pass --out .../\(course.skill.name)"
            )
        }
        return try BundleRenderer().render(course)
    }

    /// Renders the bundle and swaps it into `outputDirectory`.
    /// - Parameter force: Replace `outputDirectory` even when it is not a previous bundle (see ``BundleWriter``).
    /// - Returns: The files written.
    /// - Throws: `SkillKitError`; on failure the previous bundle is left as it was.
    @discardableResult
    public func generate(force: Bool = false) throws(SkillKitError) -> [BundleFile] {
        let files = try render()
        try BundleWriter(replacingAnything: force).write(files, to: outputDirectory)
        return files
    }

    /// Compares a fresh render with the bundle on disk without writing anything.
    /// - Returns: The difference; empty when the bundle is up to date.
    /// - Throws: `SkillKitError` for invalid specs or unreadable files.
    public func check() throws(SkillKitError) -> BundleDiff {
        try BundleDiff(rendered: render(), directory: outputDirectory)
    }
}

public import Foundation

/// Loads and validates the course: `skill.yaml` plus every `NN-slug.yaml` in the lessons folder.
///
/// Validation covers the YAML syntax, unknown and missing keys, value sets, duplicate lesson, rule,
/// preset and diagram ids, references to undefined topics and presets, and code regions that do not
/// resolve. Every problem found is reported, each with its file:line:column.
public struct CourseLoader: Sendable {
    /// The folder holding `skill.yaml` and the lesson specs.
    public var lessonsDirectory: URL
    /// The folder code references are relative to. Default: the lessons folder's parent.
    public var projectRoot: URL

    /// The name of the bundle-level spec inside the lessons folder.
    public static let skillFileName = "skill.yaml"

    /// Creates a loader.
    /// - Parameters:
    ///   - lessonsDirectory: The folder holding the specs.
    ///   - projectRoot: The folder code references are relative to; defaults to the lessons folder's parent.
    public init(lessonsDirectory: URL, projectRoot: URL? = nil) {
        self.lessonsDirectory = lessonsDirectory.standardizedFileURL
        self.projectRoot = (projectRoot ?? lessonsDirectory.standardizedFileURL.deletingLastPathComponent()).standardizedFileURL
    }

    /// Reads, parses and validates the whole course.
    /// - Returns: The course, lessons sorted by number, code regions resolved.
    /// - Throws: `SkillKitError` (`.multiple` when there is more than one problem).
    public func load() throws(SkillKitError) -> Course {
        let files = try lessonFiles()
        var errors: [SkillKitError] = []
        let skillPath = lessonsDirectory.appendingPathComponent(Self.skillFileName)
        let skillReader = SpecReader(file: displayPath(skillPath))
        let skill = try read(skillPath).flatMap { SkillSpecParser(reader: skillReader).parse($0) }
        errors += skillReader.errors
        var lessons: [LessonSpec] = []
        for file in files {
            let reader = SpecReader(file: displayPath(file))
            if let text = try read(file), let lesson = LessonParser(reader: reader).parse(text) {
                errors += Self.checkFileName(file, lesson: lesson, reader: reader)
                lessons.append(lesson)
            }
            errors += reader.errors
        }
        guard let skill else {
            if errors.isEmpty {
                errors.append(.fileSystem(path: displayPath(skillPath), operation: "read the skill spec", reason: "the file is missing"))
            }
            throw .multiple(errors)
        }
        errors += CourseValidator(skill: skill, lessons: lessons).validate()
        var snippets: [CodeSnippet] = []
        let extractor = CodeRegionExtractor(root: projectRoot)
        for reference in lessons.flatMap(\.code) {
            do {
                let snippet = try extractor.snippet(for: reference)
                if !snippets.contains(snippet) { snippets.append(snippet) }
            } catch {
                errors.append(error)
            }
        }
        if errors.count == 1, let only = errors.first { throw only }
        guard errors.isEmpty else { throw .multiple(errors) }
        let named = Set(lessons.flatMap(\.verify.examples))
        let existing = named.filter { name in
            FileManager.default.fileExists(atPath: projectRoot.appendingPathComponent("examples/\(name)/Package.swift").path)
        }
        return Course(skill: skill, lessons: lessons, snippets: snippets, existingExamples: existing)
    }

    /// The lesson spec files, sorted by name.
    func lessonFiles() throws(SkillKitError) -> [URL] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: lessonsDirectory.path)
        } catch {
            throw .fileSystem(path: lessonsDirectory.path, operation: "list the lessons folder", reason: error.localizedDescription)
        }
        return names
            .filter { $0.hasSuffix(".yaml") && $0 != Self.skillFileName }
            .sorted()
            .map { lessonsDirectory.appendingPathComponent($0) }
    }

    private func read(_ url: URL) throws(SkillKitError) -> String? {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .fileSystem(path: displayPath(url), operation: "read the spec", reason: "the file is missing or unreadable")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .fileSystem(path: displayPath(url), operation: "read the spec", reason: "the file is not UTF-8")
        }
        return text
    }

    /// Paths in messages are relative to the project root when the file is under it, so they can be clicked.
    func displayPath(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let root = projectRoot.path.hasSuffix("/") ? projectRoot.path : projectRoot.path + "/"
        return path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
    }

    /// A lesson file must be named `NN-<id>.yaml`, where NN is its two-digit number.
    static func checkFileName(_ file: URL, lesson: LessonSpec, reader: SpecReader) -> [SkillKitError] {
        let expected = String(format: "%02d-%@.yaml", lesson.number, lesson.id)
        let actual = file.lastPathComponent
        guard actual != expected else { return [] }
        return [.invalidValue(lesson.location, field: "file name", value: actual, expected: "\(expected), built from the lesson's number and id")]
    }
}

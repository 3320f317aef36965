public import Foundation
import Yams

/// Lints the lesson specs: everything the loader validates, plus completeness checks that keep any
/// lesson from being a placeholder and the chapter's numbering without gaps.
public struct SpecLinter: Sendable {
    /// The folder holding `skill.yaml` and the lesson specs.
    public var lessonsDirectory: URL
    /// The folder code references are relative to; defaults to the lessons folder's parent.
    public var projectRoot: URL?
    /// The generated bundle, against which `assets/…` and `references/…` claims are checked.
    public var bundleDirectory: URL?
    /// The `kafka-skill` commands that exist; `kafka-skill NAME` in a spec must name one.
    public var commands: Set<String> = []
    /// Checks that exist beyond the built-in ones (for example `crd-validation`), which specs may claim.
    public var capabilities: Set<String> = []

    /// The longest text one spec field may hold: a gotcha or rule is a sentence or two, a summary a paragraph.
    public static let maxFieldCharacters = 2000

    /// The fewest entries a full lesson has in each list.
    static let minimums: [(field: String, count: Int, value: @Sendable (LessonSpec) -> Int)] = [
        ("objectives", 2, { $0.objectives.count }),
        ("concepts", 2, { $0.concepts.count }),
        ("rules", 1, { $0.rules.count }),
        ("gotchas", 1, { $0.gotchas.count }),
        ("reflection", 1, { $0.reflection.count }),
    ]

    /// Creates a spec linter.
    public init(lessonsDirectory: URL, projectRoot: URL? = nil) {
        self.lessonsDirectory = lessonsDirectory
        self.projectRoot = projectRoot
    }

    /// Loads the specs and lints them.
    /// - Returns: The findings, with the loaded course when it loaded.
    public func lint() -> (findings: [LintFinding], course: Course?) {
        let course: Course
        do {
            course = try CourseLoader(lessonsDirectory: lessonsDirectory, projectRoot: projectRoot).load()
        } catch {
            return (error.all.map { LintFinding(.error, $0.location, $0.message) }, nil)
        }
        var findings: [LintFinding] = []
        for lesson in course.lessons {
            for minimum in Self.minimums where minimum.value(lesson) < minimum.count {
                findings.append(LintFinding(.error, lesson.location, "Lesson \(lesson.number) has \(minimum.value(lesson)) \(minimum.field); a full lesson has at least \(minimum.count)."))
            }
        }
        findings += claimsAndSizes()
        for (index, lesson) in course.lessons.enumerated() where lesson.number != index + 1 {
            findings.append(LintFinding(.warning, lesson.location, "Lesson numbers should run 1, 2, 3… without gaps; expected \(index + 1), found \(lesson.number)."))
            break
        }
        return (findings, course)
    }

    /// Claims of files, commands and checks that do not exist, and fields too long for an assistant's context.
    private func claimsAndSizes() -> [LintFinding] {
        let loader = CourseLoader(lessonsDirectory: lessonsDirectory, projectRoot: projectRoot)
        let checker = ClaimChecker(
            projectRoot: loader.projectRoot, bundleDirectory: bundleDirectory, commands: commands, capabilities: capabilities)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: loader.lessonsDirectory.path)) ?? []
        var findings: [LintFinding] = []
        for name in names.sorted() where name.hasSuffix(".yaml") {
            let url = loader.lessonsDirectory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            let file = loader.displayPath(url)
            findings += checker.check(text, file: file)
            findings += Self.longFields(text, file: file)
        }
        return findings
    }

    /// A scalar longer than `maxFieldCharacters` renders as a wall of text in every page that shows it.
    static func longFields(_ text: String, file: String) -> [LintFinding] {
        guard let root = try? Yams.compose(yaml: text) else { return [] }
        var findings: [LintFinding] = []
        func visit(_ node: Node) {
            switch node {
            case .scalar(let scalar) where scalar.string.count > maxFieldCharacters:
                let location = SourceLocation(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
                findings.append(LintFinding(.error, location, "This field has \(scalar.string.count) characters; keep each under \(maxFieldCharacters) (a rule or gotcha is a sentence or two) so the pages stay within the Agent Skills size guidance."))
            case .mapping(let mapping):
                for (_, value) in mapping { visit(value) }
            case .sequence(let sequence):
                for value in sequence { visit(value) }
            default:
                break
            }
        }
        visit(root)
        return findings
    }
}

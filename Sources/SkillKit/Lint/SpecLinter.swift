public import Foundation

/// Lints the lesson specs: everything the loader validates, plus completeness checks that keep any
/// lesson from being a placeholder and the chapter's numbering without gaps.
public struct SpecLinter: Sendable {
    /// The folder holding `skill.yaml` and the lesson specs.
    public var lessonsDirectory: URL
    /// The folder code references are relative to; defaults to the lessons folder's parent.
    public var projectRoot: URL?

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
        for (index, lesson) in course.lessons.enumerated() where lesson.number != index + 1 {
            findings.append(LintFinding(.warning, lesson.location, "Lesson numbers should run 1, 2, 3… without gaps; expected \(index + 1), found \(lesson.number)."))
            break
        }
        return (findings, course)
    }
}

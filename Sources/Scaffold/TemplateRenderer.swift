import Mustache
import KafkaSkillModel

/// A file a template produced: its path in the project and its text.
public struct RenderedFile: Sendable, Hashable {
    /// The path, relative to the project's folder.
    public var path: String
    /// The text.
    public var contents: String

    /// Creates a rendered file.
    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}

/// Renders a parsed template: evaluates each file's condition, fills in its output path and checks that it
/// stays inside the project, and renders its body.
enum TemplateRenderer {
    /// - Returns: The files, sorted by path.
    /// - Throws: ``ScaffoldError/unsafeOutputPath(_:path:reason:)`` for a path that is absolute, climbs out
    ///   of the project, or is written twice.
    static func render(_ template: LoadedTemplate, values: [String: TemplateValue]) throws(ScaffoldError) -> [RenderedFile] {
        let context = values.mapValues(\.mustacheValue)
        var files: [RenderedFile] = []
        var writers: [String: SourceLocation] = [:]
        var problems: [ScaffoldError] = []
        for entry in template.files {
            if let condition = entry.file.condition, !condition.holds(in: values) { continue }
            let path = entry.output.render(context, library: template.library).trimmingWhitespace()
            if let reason = OutputPath.problem(with: path) {
                problems.append(.unsafeOutputPath(entry.file.location, path: path, reason: reason))
                continue
            }
            if let first = writers[path] {
                problems.append(.unsafeOutputPath(entry.file.location, path: path, reason: "the entry at \(first) writes it too"))
                continue
            }
            writers[path] = entry.file.location
            files.append(RenderedFile(path: path, contents: entry.body.render(context, library: template.library)))
        }
        guard problems.isEmpty else { throw .combining(problems) }
        return files.sorted { $0.path < $1.path }
    }
}

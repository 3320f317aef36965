public import Foundation

/// A reference page of the generated skill (`skills/kafka-events/references/*.md`), which the
/// model review puts in its prompt when it is relevant to the code.
public struct SkillReference: Sendable, Hashable {
    /// The page's path relative to the skill folder, such as `references/producers.md`.
    public var name: String
    /// The page's Markdown.
    public var text: String

    /// Creates a reference.
    /// - Parameters:
    ///   - name: The page's path relative to the skill folder.
    ///   - text: The page's Markdown.
    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    /// Reads every `references/*.md` page of a skill folder.
    /// - Parameter skillDirectory: The skill's folder, such as `skills/kafka-events`.
    /// - Returns: The pages in name order; none when the folder has no `references/`.
    /// - Throws: ``ReviewError/unreadable(path:reason:)`` for a page that cannot be read.
    public static func load(fromSkill skillDirectory: URL) throws -> [SkillReference] {
        let folder = skillDirectory.appendingPathComponent("references")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return try names.sorted().filter { $0.hasSuffix(".md") }.map { name in
            let file = folder.appendingPathComponent(name)
            do {
                return SkillReference(name: "references/\(name)", text: try String(contentsOf: file, encoding: .utf8))
            } catch {
                throw ReviewError.unreadable(path: file.path, reason: error.localizedDescription)
            }
        }
    }
}

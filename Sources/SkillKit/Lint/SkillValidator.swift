public import Foundation
import Yams
import KafkaSkillModel

/// Validates a skill folder against the Agent Skills specification.
///
/// It makes every check the reference validator `skills-ref` 0.1.1 (`agentskills validate`) makes —
/// the frontmatter markers, YAML, the six allowed keys, the name's length, case, hyphens, characters
/// and folder match, the description and compatibility lengths — and the ones it leaves out: the ASCII
/// name pattern, no angle brackets (XML tags), no reserved words, the subset of YAML that strictyaml
/// accepts, and the body's length.
public struct SkillValidator: Sendable {
    /// The frontmatter keys the specification allows.
    public static let allowedKeys = ["allowed-tools", "compatibility", "description", "license", "metadata", "name"]
    /// Words claude.ai and the API reject in a skill's name.
    public static let reservedWords = ["anthropic", "claude"]
    /// The longest allowed name.
    public static let maxNameLength = 64
    /// The longest allowed description.
    public static let maxDescriptionLength = 1024
    /// The longest allowed compatibility note.
    public static let maxCompatibilityLength = 500
    /// `SKILL.md`'s body must stay below this many lines.
    public static let maxBodyLines = 500
    /// The body should stay below about this many tokens (estimated as characters / 4).
    public static let recommendedBodyTokens = 5000

    /// Creates a validator.
    public init() {}

    /// Validates the skill in `directory`.
    /// - Parameter directory: The skill folder (the one holding `SKILL.md`).
    /// - Returns: The findings; none means valid.
    public func validate(directory: URL) -> [LintFinding] {
        let path = directory.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return [LintFinding(.error, SourceLocation(file: path), "Path does not exist: \(path). Run `kafka-skill generate` first.")]
        }
        guard isDirectory.boolValue else {
            return [LintFinding(.error, SourceLocation(file: path), "Not a directory: \(path).")]
        }
        let skillFile = directory.appendingPathComponent("SKILL.md")
        let file = skillFile.path
        guard let data = FileManager.default.contents(atPath: file) else {
            return [LintFinding(.error, SourceLocation(file: path), "Missing required file: SKILL.md.")]
        }
        let text = String(decoding: data, as: UTF8.self)
        let frontmatter: SkillFrontmatter
        do {
            frontmatter = try SkillFrontmatter.split(text)
        } catch .notStarting {
            return [LintFinding(.error, SourceLocation(file: file, line: 1, column: 1), "SKILL.md must start with YAML frontmatter (---).")]
        } catch {
            return [LintFinding(.error, SourceLocation(file: file, line: 1, column: 1), "SKILL.md frontmatter not properly closed with ---.")]
        }
        var findings = validateFrontmatter(frontmatter.yaml, file: file, folderName: directory.standardizedFileURL.lastPathComponent)
        findings += validateBody(frontmatter, file: file)
        return findings
    }

    private func validateFrontmatter(_ yaml: String, file: String, folderName: String) -> [LintFinding] {
        let top = SourceLocation(file: file, line: 1, column: 1)
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                return [LintFinding(.error, top, "SKILL.md frontmatter must be a YAML mapping.")]
            }
            root = node
        } catch {
            return [LintFinding(.error, top, "Invalid YAML in frontmatter: \(error).")]
        }
        guard case .mapping(let mapping) = root else {
            return [LintFinding(.error, top, "SKILL.md frontmatter must be a YAML mapping.")]
        }
        var findings: [LintFinding] = []
        func at(_ node: Node) -> SourceLocation {
            // The YAML text starts right after the opening `---` on line 1, so Yams' lines are the file's lines.
            SourceLocation(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
        }
        findings += flowCollections(in: root, source: yaml.components(separatedBy: "\n"), at: at)
        let keys = mapping.keys.compactMap(\.scalar?.string)
        let unexpected = keys.filter { !Self.allowedKeys.contains($0) }.sorted()
        if !unexpected.isEmpty {
            findings.append(LintFinding(.error, top, "Unexpected fields in frontmatter: \(unexpected.joined(separator: ", ")). Only \(Self.allowedKeys) are allowed; move other data under metadata."))
        }
        for key in ["name", "description"] where mapping[key] == nil {
            findings.append(LintFinding(.error, top, "Missing required field in frontmatter: \(key)."))
        }
        if let node = mapping["name"] {
            findings += validateName(node, location: at(node), folderName: folderName)
        }
        if let node = mapping["description"] {
            findings += validateDescription(node, location: at(node))
        }
        if let node = mapping["compatibility"] {
            if let text = node.scalar?.string {
                if text.count > Self.maxCompatibilityLength {
                    findings.append(LintFinding(.error, at(node), "Compatibility exceeds \(Self.maxCompatibilityLength) character limit (\(text.count) chars)."))
                }
            } else {
                findings.append(LintFinding(.error, at(node), "Field 'compatibility' must be a string."))
            }
        }
        if let node = mapping["metadata"] {
            if case .mapping(let metadata) = node {
                for (key, value) in metadata where value.scalar == nil {
                    findings.append(LintFinding(.error, at(value), "metadata.\(key.scalar?.string ?? "?") must be a string value, not a nested structure."))
                }
            } else {
                findings.append(LintFinding(.error, at(node), "Field 'metadata' must be a mapping of string keys to string values."))
            }
        }
        return findings
    }

    /// strictyaml (skills-ref's parser) rejects flow-style `[a, b]` and `{a: b}`. Yams does not report a
    /// collection's style, so the character at the collection's mark tells: `[` or `{` opens a flow one.
    private func flowCollections(in node: Node, source: [String], at: (Node) -> SourceLocation) -> [LintFinding] {
        func opensWith(_ character: Character) -> Bool {
            guard let mark = node.mark, mark.line >= 1, mark.line <= source.count else { return false }
            let scalars = Array(source[mark.line - 1].unicodeScalars)
            return mark.column >= 1 && mark.column <= scalars.count && Character(scalars[mark.column - 1]) == character
        }
        switch node {
        case .mapping(let mapping):
            var findings = opensWith("{") ? [LintFinding(.error, at(node), "Flow-style mapping {…} is rejected by skills-ref (strictyaml); use block style.")] : []
            for (_, value) in mapping { findings += flowCollections(in: value, source: source, at: at) }
            return findings
        case .sequence(let sequence):
            var findings = opensWith("[") ? [LintFinding(.error, at(node), "Flow-style list […] is rejected by skills-ref (strictyaml); use block style.")] : []
            for value in sequence { findings += flowCollections(in: value, source: source, at: at) }
            return findings
        default:
            return []
        }
    }

    private func validateName(_ node: Node, location: SourceLocation, folderName: String) -> [LintFinding] {
        guard let raw = node.scalar?.string, !raw.trimmingCharacters(in: .whitespaces).isEmpty else {
            return [LintFinding(.error, location, "Field 'name' must be a non-empty string.")]
        }
        let name = raw.trimmingCharacters(in: .whitespaces).precomposedStringWithCompatibilityMapping
        var findings: [LintFinding] = []
        if name.count > Self.maxNameLength {
            findings.append(LintFinding(.error, location, "Skill name '\(name)' exceeds \(Self.maxNameLength) character limit (\(name.count) chars)."))
        }
        if name != name.lowercased() {
            findings.append(LintFinding(.error, location, "Skill name '\(name)' must be lowercase."))
        }
        if name.hasPrefix("-") || name.hasSuffix("-") {
            findings.append(LintFinding(.error, location, "Skill name cannot start or end with a hyphen."))
        }
        if name.contains("--") {
            findings.append(LintFinding(.error, location, "Skill name cannot contain consecutive hyphens."))
        }
        if !name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) {
            findings.append(LintFinding(.error, location, "Skill name '\(name)' contains invalid characters. Only letters, digits, and hyphens are allowed."))
        } else if name.wholeMatch(of: /[a-z0-9]+(-[a-z0-9]+)*/) == nil {
            findings.append(LintFinding(.error, location, "Skill name '\(name)' must match ^[a-z0-9]+(-[a-z0-9]+)*$ (ASCII lowercase letters, digits, single hyphens) as the specification says."))
        }
        if folderName.precomposedStringWithCompatibilityMapping != name {
            findings.append(LintFinding(.error, location, "Directory name '\(folderName)' must match skill name '\(name)'."))
        }
        for word in Self.reservedWords where name.lowercased().contains(word) {
            findings.append(LintFinding(.error, location, "Skill name '\(name)' contains the reserved word '\(word)', which claude.ai and the API reject."))
        }
        if name.contains("<") || name.contains(">") {
            findings.append(LintFinding(.error, location, "Skill name must not contain angle brackets (XML tags)."))
        }
        return findings
    }

    private func validateDescription(_ node: Node, location: SourceLocation) -> [LintFinding] {
        guard let text = node.scalar?.string, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return [LintFinding(.error, location, "Field 'description' must be a non-empty string.")]
        }
        var findings: [LintFinding] = []
        if text.count > Self.maxDescriptionLength {
            findings.append(LintFinding(.error, location, "Description exceeds \(Self.maxDescriptionLength) character limit (\(text.count) chars)."))
        }
        if text.contains("<") || text.contains(">") {
            findings.append(LintFinding(.error, location, "Description must not contain angle brackets (< or >): clients inject it into XML and reject tags."))
        }
        let firstPerson = [" I ", "I can ", "I will ", "You can ", "you can use this"]
        if let phrase = firstPerson.first(where: { text.hasPrefix($0.trimmingCharacters(in: .whitespaces)) || text.contains($0) }) {
            findings.append(LintFinding(.warning, location, "Description should be written in the third person; it contains '\(phrase.trimmingCharacters(in: .whitespaces))'."))
        }
        return findings
    }

    private func validateBody(_ frontmatter: SkillFrontmatter, file: String) -> [LintFinding] {
        var body = frontmatter.body
        while body.first == "\n" { body.removeFirst() }
        while body.last == "\n" { body.removeLast() }
        let lines = body.isEmpty ? 0 : body.split(separator: "\n", omittingEmptySubsequences: false).count
        let location = SourceLocation(file: file, line: frontmatter.bodyStartLine)
        var findings: [LintFinding] = []
        if lines == 0 {
            findings.append(LintFinding(.error, location, "SKILL.md has no body: add the instructions below the frontmatter."))
        }
        if lines >= Self.maxBodyLines {
            findings.append(LintFinding(.error, location, "SKILL.md body has \(lines) lines; keep it under \(Self.maxBodyLines) and move detail to references/."))
        }
        let tokens = body.count / 4
        if tokens > Self.recommendedBodyTokens {
            findings.append(LintFinding(.warning, location, "SKILL.md body is about \(tokens) tokens; the specification recommends under \(Self.recommendedBodyTokens)."))
        }
        return findings
    }
}

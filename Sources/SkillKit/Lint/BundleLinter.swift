public import Foundation
import Yams

/// Checks a generated bundle: everything `SkillValidator` checks, plus links, contents lists and assets.
///
/// - Every relative Markdown link resolves inside the bundle, with the exact case of each path component.
/// - References stay one level deep: a file linked from a reference must also be linked from `SKILL.md`,
///   and every `references/*.md` is linked from `SKILL.md`.
/// - A Markdown file other than `SKILL.md` that is longer than 100 lines opens with `## Contents`.
/// - Every YAML, JSON and `.properties` file under `assets/` parses.
/// - A path under `references/`, `assets/` or `scripts/` named in the text (a link or not) exists.
/// - No file outgrows what an assistant should load: a reference warns above `referenceTokenWarning`
///   and fails above `referenceTokenLimit` (estimated as characters / 4).
public struct BundleLinter: Sendable {
    /// Files longer than this need a `## Contents` list.
    public static let contentsThreshold = 100
    /// A reference above about this many tokens should be split: agents load references whole.
    public static let referenceTokenWarning = 10_000
    /// A file above about this many tokens is an error: it would crowd out the task in an assistant's context.
    public static let referenceTokenLimit = 25_000

    /// Creates a linter.
    public init() {}

    /// Lints the bundle in `directory`.
    /// - Parameter directory: The skill folder.
    /// - Returns: The findings.
    public func lint(directory: URL) -> [LintFinding] {
        var findings = SkillValidator().validate(directory: directory)
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("SKILL.md").path) else { return findings }
        let files: [String: String]
        do {
            files = try BundleDiff.files(in: directory)
        } catch {
            return findings + [LintFinding(.error, error.location, error.message)]
        }
        let display = { (relative: String) in directory.appendingPathComponent(relative).path }
        var linksFromSkill: Set<String> = []
        var linksFromOthers: [(from: String, line: Int, target: String)] = []
        for path in files.keys.sorted() where path.hasSuffix(".md") {
            guard let text = files[path] else { continue }
            for link in Self.links(in: text) {
                let location = SourceLocation(file: display(path), line: link.line, column: link.column)
                guard let target = resolve(link.target, from: path) else {
                    findings.append(LintFinding(.error, location, "Link '\(link.target)' leaves the bundle; link only to files inside it, relative to the skill root."))
                    continue
                }
                if !Self.existsWithExactCase(target, in: directory) {
                    findings.append(LintFinding(.error, location, "Link '\(link.target)' does not resolve to a file with exactly this case (\(target))."))
                    continue
                }
                if path == "SKILL.md" {
                    linksFromSkill.insert(target)
                } else {
                    linksFromOthers.append((path, link.line, target))
                }
            }
            if path != "SKILL.md" {
                findings += contentsFinding(text, file: display(path))
            }
            findings += mentions(in: text, file: path, directory: directory, display: display)
        }
        for link in linksFromOthers where !linksFromSkill.contains(link.target) {
            findings.append(LintFinding(.error, SourceLocation(file: display(link.from), line: link.line), "'\(link.target)' is reached only through another reference; link it from SKILL.md so references stay one level deep."))
        }
        for path in files.keys.sorted() where path.hasPrefix("references/") && path.hasSuffix(".md") && !linksFromSkill.contains(path) {
            findings.append(LintFinding(.warning, SourceLocation(file: display(path)), "\(path) is not linked from SKILL.md, so an assistant will never read it."))
        }
        for path in files.keys.sorted() {
            let tokens = (files[path]?.count ?? 0) / 4
            let location = SourceLocation(file: display(path))
            if tokens > Self.referenceTokenLimit {
                findings.append(LintFinding(.error, location, "\(path) is about \(tokens) tokens; the limit is \(Self.referenceTokenLimit). Split it or shorten the lesson text behind it."))
            } else if tokens > Self.referenceTokenWarning && path != "SKILL.md" {
                findings.append(LintFinding(.warning, location, "\(path) is about \(tokens) tokens; keep references focused (under \(Self.referenceTokenWarning)) since agents load them whole."))
            }
        }
        for path in files.keys.sorted() where path.hasPrefix("assets/") {
            findings += AssetParser.problems(in: files[path] ?? "", path: path).map {
                LintFinding(.error, SourceLocation(file: display(path), line: $0.line), $0.message)
            }
        }
        return findings
    }

    /// Paths inside the bundle named in plain text or code spans (`references/x.md`, `assets/…`), which
    /// an assistant will try to open just as it follows a link.
    private func mentions(
        in text: String, file: String, directory: URL, display: (String) -> String
    ) -> [LintFinding] {
        var findings: [LintFinding] = []
        for (index, line) in text.components(separatedBy: "\n").enumerated() {
            for match in line.matches(of: /(?:^|[^\w\/.(-])((?:references|assets|scripts)\/[A-Za-z0-9_.\/-]*[A-Za-z0-9_])/) {
                let path = String(match.output.1)
                guard !path.contains("*") else { continue }
                if !FileManager.default.fileExists(atPath: directory.appendingPathComponent(path).path) {
                    let column = line.distance(from: line.startIndex, to: match.output.1.startIndex) + 1
                    findings.append(LintFinding(.error, SourceLocation(file: display(file), line: index + 1, column: column), "The text names \(path), which is not in the bundle; regenerate, or remove the mention from the lesson spec."))
                }
            }
        }
        return findings
    }

    struct Link: Equatable {
        let target: String
        let line: Int
        let column: Int
    }

    /// Inline links and images outside fenced code blocks; external and in-page links are skipped.
    static func links(in text: String) -> [Link] {
        var links: [Link] = []
        var fence: String?
        for (index, line) in text.components(separatedBy: "\n").enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                continue
            }
            if trimmed.hasPrefix("```") {
                fence = String(trimmed.prefix(while: { $0 == "`" }))
                continue
            }
            let withoutCode = line.replacing(/`[^`]*`/) { String(repeating: " ", count: $0.output.count) }
            for match in withoutCode.matches(of: /\]\(([^)\s]+)(?:\s+"[^"]*")?\)/) {
                let target = String(match.output.1)
                if target.hasPrefix("#") || target.contains("://") || target.hasPrefix("mailto:") { continue }
                let column = withoutCode.distance(from: withoutCode.startIndex, to: match.range.lowerBound) + 1
                links.append(Link(target: target, line: index + 1, column: column))
            }
        }
        return links
    }

    /// The link's target relative to the bundle root, or nil when it leaves the bundle.
    private func resolve(_ target: String, from file: String) -> String? {
        let withoutFragment = target.split(separator: "#", maxSplits: 1).first.map(String.init) ?? target
        let decoded = withoutFragment.removingPercentEncoding ?? withoutFragment
        guard !decoded.hasPrefix("/") else { return nil }
        var components = file.split(separator: "/").dropLast().map(String.init)
        for part in decoded.split(separator: "/") {
            switch part {
            case ".": continue
            case "..":
                guard !components.isEmpty else { return nil }
                components.removeLast()
            default: components.append(String(part))
            }
        }
        return components.joined(separator: "/")
    }

    /// Case-insensitive file systems would accept a wrong-case link, so each component is compared exactly.
    static func existsWithExactCase(_ relative: String, in directory: URL) -> Bool {
        var current = directory
        for component in relative.split(separator: "/").map(String.init) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: current.path), names.contains(component) else {
                return false
            }
            current = current.appendingPathComponent(component)
        }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: current.path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    private func contentsFinding(_ text: String, file: String) -> [LintFinding] {
        let lines = text.components(separatedBy: "\n")
        let count = lines.last == "" ? lines.count - 1 : lines.count
        guard count > Self.contentsThreshold else { return [] }
        let firstSection = lines.firstIndex { $0.hasPrefix("## ") }
        if let firstSection, lines[firstSection].trimmingCharacters(in: .whitespaces) == "## Contents" { return [] }
        return [LintFinding(.error, SourceLocation(file: file, line: (firstSection ?? 0) + 1), "The file has \(count) lines; files over \(Self.contentsThreshold) lines must open with a `## Contents` list before their first section.")]
    }
}

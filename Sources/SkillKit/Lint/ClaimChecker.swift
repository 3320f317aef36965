public import Foundation

/// Finds what a spec's text claims exists and reports each claim nothing backs.
///
/// An assistant takes every sentence of the skill as true, so a page must not name a file, an example,
/// an asset, a command or a check that is not there. Three kinds of claim are read from the raw text of a
/// spec file (so every finding has its line):
///
/// - a path under a project folder (`examples/…`, `specs/…`, `templates/…`, `Sources/…`) or a bundle
///   folder (`assets/…`, `references/…`) must exist; paths with placeholders (`*`, `<…>`, `NN`) are skipped;
/// - `kafka-skill NAME` must name one of the tool's commands;
/// - a sentence saying a tool parses or validates files "under assets/" needs such files in the bundle
///   beyond the presets, and one saying it validates against CRD schemas needs that check to exist.
public struct ClaimChecker: Sendable {
    /// Folders resolved against the project root.
    static let projectFolders = ["examples", "specs", "templates", "lessons", "scripts", "Sources", "Tests", "evals", "skills"]
    /// Folders resolved against the bundle.
    static let bundleFolders = ["assets", "references"]

    /// The project root.
    public var projectRoot: URL
    /// The generated bundle, for `assets/…` and `references/…`; those claims are skipped when nil.
    public var bundleDirectory: URL?
    /// The `kafka-skill` subcommands that exist; command claims are skipped when empty.
    public var commands: Set<String>
    /// Checks beyond the built-in ones that exist, such as `crd-validation`.
    public var capabilities: Set<String>

    /// Creates a checker.
    public init(projectRoot: URL, bundleDirectory: URL?, commands: Set<String>, capabilities: Set<String> = []) {
        self.projectRoot = projectRoot
        self.bundleDirectory = bundleDirectory
        self.commands = commands
        self.capabilities = capabilities
    }

    /// Checks one spec file's text.
    /// - Parameters:
    ///   - text: The file's contents.
    ///   - file: The path used in findings.
    /// - Returns: One finding per unbacked claim.
    public func check(_ text: String, file: String) -> [LintFinding] {
        var findings: [LintFinding] = []
        let lineStarts = Self.lineStarts(text)
        func location(_ index: String.Index) -> SourceLocation {
            let offset = text.utf8.distance(from: text.utf8.startIndex, to: index)
            let line = (lineStarts.lastIndex { $0 <= offset } ?? 0)
            return SourceLocation(file: file, line: line + 1, column: offset - lineStarts[line] + 1)
        }
        for match in text.matches(of: /(?:^|[^\w\/.-])([A-Za-z]+)\/([A-Za-z0-9_.\/*<>-]*)/.anchorsMatchLineEndings()) {
            let folder = String(match.output.1)
            var rest = String(match.output.2)
            while let last = rest.last, ".,;:)".contains(last) { rest.removeLast() }
            guard !rest.isEmpty, !rest.contains("*"), !rest.contains("<"), !rest.contains("NN") else { continue }
            let path = folder + "/" + rest
            let base: URL
            if Self.projectFolders.contains(folder) {
                base = projectRoot
            } else if Self.bundleFolders.contains(folder), let bundleDirectory {
                base = bundleDirectory
            } else {
                continue
            }
            if !FileManager.default.fileExists(atPath: base.appendingPathComponent(path).path) {
                findings.append(LintFinding(.error, location(match.output.1.startIndex), "The text names \(path), which does not exist; name only files that are there, or say the work is pending."))
            }
        }
        if !commands.isEmpty {
            for match in text.matches(of: /(?:^|[^\w-])kafka-skill[ \t]+([a-z][a-z-]*)/.anchorsMatchLineEndings())
            where !commands.contains(String(match.output.1)) {
                findings.append(LintFinding(.error, location(match.output.1.startIndex), "The text names `kafka-skill \(match.output.1)`, which is not a command (commands: \(commands.sorted().joined(separator: ", ")))."))
            }
        }
        for sentence in text.matches(of: /[^.]*\b(?:lint|review|verify|generate)\b[^.]*/) {
            let claim = String(sentence.output)
            guard claim.contains(/\b(?:parses|parsed|validates|validated|checks|checked)\b/) else { continue }
            if claim.contains("assets/") && !hasAssetsBeyondPresets() {
                findings.append(LintFinding(.error, location(sentence.range.lowerBound), "The text says a tool checks files under assets/, but the bundle's assets/ holds only presets; ship the files or drop the claim."))
            }
            if claim.contains("CRD") && !capabilities.contains("crd-validation") {
                findings.append(LintFinding(.error, location(sentence.range.lowerBound), "The text says manifests are validated against CRD schemas, but no check does that yet; say it is pending."))
            }
        }
        return findings
    }

    private func hasAssetsBeyondPresets() -> Bool {
        guard let bundleDirectory else { return true }
        let assets = bundleDirectory.appendingPathComponent("assets")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: assets.path)) ?? []
        return names.contains { $0 != "presets" }
    }

    /// The UTF-8 offset at which each line starts.
    static func lineStarts(_ text: String) -> [Int] {
        var starts = [0]
        for (offset, byte) in text.utf8.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        return starts
    }
}

public import Foundation

/// Finds client properties that librdkafka does not know in what the project ships: the lesson rules'
/// checks, the presets of the skill bundle, the service specs and the templates.
///
/// A property librdkafka lacks (a Java-only setting such as `max.poll.records`) makes client creation
/// fail, so a preset, template or rule that names one teaches a mistake. Each finding names the nearest
/// property librdkafka knows.
public struct ClientPropertyLint: Sendable {
    /// The project root holding `lessons/`, `specs/` and `templates/`.
    public var projectRoot: URL
    /// The skill bundle whose `assets/presets/` are checked.
    public var bundleDirectory: URL

    /// Creates a lint.
    public init(projectRoot: URL, bundleDirectory: URL) {
        self.projectRoot = projectRoot
        self.bundleDirectory = bundleDirectory
    }

    /// The rule the findings carry when the lessons do not define `client-known-properties`.
    static let fallbackRule = ReviewRule(
        id: RelationalChecks.knownProperties,
        rule: "Use only client properties librdkafka 2.0.2 knows.",
        why: "Creating a client with an unknown property fails.",
        severity: .error, check: nil,
        location: SourceLocation(file: "lessons", line: 0, column: 0))

    /// Runs the checks.
    /// - Returns: One finding per unknown property; paths are relative to the project root.
    /// - Throws: `ReviewError` when the lessons or a file cannot be read.
    public func lint() throws -> [Finding] {
        let rules = try ReviewRuleLoader().loadRules(fromDirectory: projectRoot.appendingPathComponent("lessons"))
        let rule = rules.first { $0.id == RelationalChecks.knownProperties } ?? Self.fallbackRule
        var findings = ruleCheckFindings(rules, rule: rule)
        var sources: [ReviewSource] = []
        let manager = FileManager.default
        for folder in ["specs", "templates"] {
            let root = projectRoot.appendingPathComponent(folder)
            guard let walker = manager.enumerator(at: root, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker {
                var name = url.lastPathComponent
                if name.hasSuffix(".mustache") { name = String(name.dropLast(".mustache".count)) }
                guard let kind = ReviewSource.kind(ofFileNamed: name),
                      let text = try? String(contentsOf: url, encoding: .utf8)
                else { continue }
                sources.append(ReviewSource(path: relative(url), kind: kind, text: text))
            }
        }
        let presets = bundleDirectory.appendingPathComponent("assets/presets")
        for name in ((try? manager.contentsOfDirectory(atPath: presets.path)) ?? []).sorted() where name.hasSuffix(".properties") {
            let url = presets.appendingPathComponent(name)
            if let text = try? String(contentsOf: url, encoding: .utf8) {
                sources.append(ReviewSource(path: relative(url), kind: .properties, text: text))
            }
        }
        findings += StaticReviewer(rules: [rule]).review(sources)
        return findings.sorted { ($0.file, $0.line) < ($1.file, $1.line) }
    }

    /// Config checks of producer or consumer rules that name a property librdkafka does not know.
    private func ruleCheckFindings(_ rules: [ReviewRule], rule: ReviewRule) -> [Finding] {
        rules.flatMap { checked -> [Finding] in
            guard case .config(let check)? = checked.check, check.role != .any else { return [] }
            // A rule that requires a property to be absent may name one librdkafka lacks on purpose.
            let keys = (check.condition == .absent ? [] : [check.key]) + (check.when.map { [$0.key] } ?? [])
            return keys.filter { !LibrdkafkaCatalog.knows($0) }.map { key in
                let hint = LibrdkafkaCatalog.nearest(to: key).map { " The nearest property librdkafka knows is \($0)." } ?? ""
                return Finding(
                    ruleID: rule.id, severity: rule.severity, file: checked.location.file, line: checked.location.line,
                    message: "Rule \(checked.id) checks \(key) on a \(check.role.rawValue), which librdkafka 2.0.2 does not know.\(hint)",
                    suggestedFix: nil, source: .static)
            }
        }
    }

    private func relative(_ url: URL) -> String {
        let root = projectRoot.standardizedFileURL.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
    }
}

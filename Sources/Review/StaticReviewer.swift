import KafkaSkillModel
import Foundation

/// Runs the checks that lesson rules declare over sources, offline.
///
/// Configuration checks look at every librdkafka configuration found in Swift literals and preset
/// files; code checks run their regular expressions over Swift files with comments blanked out.
/// A line carrying `kafka-skill:ignore RULE-ID` (in a comment), or the line before it, silences
/// that rule there.
public struct StaticReviewer: Sendable {
    /// The rules to check; rules without a `check` are skipped.
    public var rules: [ReviewRule]

    /// Creates a reviewer.
    /// - Parameter rules: The rules to check.
    public init(rules: [ReviewRule]) {
        self.rules = rules
    }

    /// Checks sources against the rules.
    /// - Parameter sources: The files to check.
    /// - Returns: The findings, ordered by file, line and rule id.
    public func review(_ sources: [ReviewSource]) -> [Finding] {
        let compiled = rules.compactMap(CompiledRule.init)
        let ruleKeys = Set(rules.flatMap { rule -> [String] in
            guard case .config(let check)? = rule.check else { return [] }
            return [check.key] + (check.when.map { [$0.key] } ?? [])
        })
        let swiftFinder = SwiftConfigFinder(ruleKeys: ruleKeys)
        let presetFinder = PresetConfigFinder(ruleKeys: ruleKeys)
        var findings: [Finding] = []
        var located: [RelationalChecks.Located] = []
        var suppressedByFile: [String: Set<Suppression>] = [:]
        for source in sources {
            let fileName = (source.path as NSString).lastPathComponent
            let lexer = source.kind == .swift ? SwiftLexer(source: source.text) : nil
            let scopes: [ConfigScope] = switch source.kind {
            case .swift: lexer.map { swiftFinder.scopes(in: $0, fileName: fileName) } ?? []
            case .yaml, .json: presetFinder.scopes(inYAML: source.text, fileName: fileName)
            case .properties: presetFinder.scopes(inProperties: source.text, fileName: fileName)
            }
            let masked = lexer.map { String(decoding: $0.maskedSource, as: UTF8.self) }
            let lines = masked.map(LineIndex.init)
            let suppressed = Self.suppressions(in: source.text)
            located += scopes.map { RelationalChecks.Located(scope: $0, file: source.path) }
            suppressedByFile[source.path] = suppressed
            for rule in compiled {
                let found: [Finding] = switch rule.check {
                case .config(let check): configFindings(rule.rule, check, scopes: scopes, source: source)
                case .code(let check): masked.map { codeFindings(rule, check, text: $0, lines: lines ?? LineIndex($0), source: source) } ?? []
                }
                findings += found.filter { finding in
                    !suppressed.contains(Suppression(line: finding.line, ruleID: finding.ruleID))
                        && !suppressed.contains(Suppression(line: finding.line - 1, ruleID: finding.ruleID))
                }
            }
        }
        findings += RelationalChecks.findings(rules: rules, scopes: located).filter { finding in
            let suppressed = suppressedByFile[finding.file] ?? []
            return !suppressed.contains(Suppression(line: finding.line, ruleID: finding.ruleID))
                && !suppressed.contains(Suppression(line: finding.line - 1, ruleID: finding.ruleID))
        }
        return findings.sorted { ($0.file, $0.line, $0.ruleID) < ($1.file, $1.line, $1.ruleID) }
    }

    private func configFindings(_ rule: ReviewRule, _ check: ConfigCheck, scopes: [ConfigScope], source: ReviewSource) -> [Finding] {
        scopes.compactMap { scope in
            guard check.role == .any || scope.role == check.role else { return nil }
            if let when = check.when {
                guard let observed = Observed(scope.entry(for: when.key), judging: when.condition),
                      when.condition.isSatisfied(by: observed.value) else { return nil }
            }
            let entry = scope.entry(for: check.key)
            // The base it amends is checked where it is written; an amendment answers only for what it sets.
            if entry == nil, scope.amendsBase { return nil }
            guard let observed = Observed(entry, judging: check.condition),
                  !check.condition.isSatisfied(by: observed.value) else { return nil }
            let role = scope.role == .any ? "" : "\(scope.role.rawValue) "
            let described = observed.value.map { "sets \(check.key) = \"\($0)\"" } ?? "does not set \(check.key)"
            return Finding(
                ruleID: rule.id,
                severity: rule.severity,
                file: source.path,
                line: entry?.line ?? scope.line,
                message: "\(rule.rule) This \(role)configuration \(described); expected \(check.key) \(check.condition).",
                suggestedFix: Self.fix(for: check),
                source: .static
            )
        }
    }

    /// What the source shows of a property, as far as a condition can be judged by it.
    private enum Observed {
        case unset
        case set(String)

        /// `nil` when the value is computed at run time and the condition needs to know it; only
        /// presence can be judged then.
        init?(_ entry: ConfigScope.Entry?, judging condition: ValueCondition) {
            switch (entry?.value, condition) {
            case (nil, _): self = .unset
            case (.literal(let text)?, _): self = .set(text)
            case (.dynamic?, .present), (.dynamic?, .absent): self = .set("(computed)")
            case (.dynamic?, _): return nil
            }
        }

        var value: String? {
            if case .set(let text) = self { text } else { nil }
        }
    }

    private static func fix(for check: ConfigCheck) -> String {
        switch check.condition {
        case .equals(let value): "Set \"\(check.key)\": \"\(value)\"."
        case .oneOf(let values): "Set \"\(check.key)\" to one of " + values.map { "\"\($0)\"" }.joined(separator: ", ") + "."
        case .notEquals(let value): "Set \"\(check.key)\" to a value other than \"\(value)\"."
        case .present: "Set \"\(check.key)\" explicitly."
        case .absent: "Remove \"\(check.key)\"."
        }
    }

    private func codeFindings(
        _ rule: CompiledRule, _ check: CompiledRule.Code, text: String, lines: LineIndex, source: ReviewSource
    ) -> [Finding] {
        let whole = NSRange(text.startIndex..., in: text)
        var anchorLine = 1
        if let when = check.when {
            guard let match = when.firstMatch(in: text, range: whole) else { return [] }
            anchorLine = lines.line(of: match.range.location)
        }
        let message = check.message ?? rule.rule.rule
        let finding = { (line: Int) in
            Finding(ruleID: rule.rule.id, severity: rule.rule.severity, file: source.path, line: line, message: message, suggestedFix: check.fix, source: .static)
        }
        if check.forbids {
            return check.pattern.matches(in: text, range: whole).map { finding(lines.line(of: $0.range.location)) }
        }
        return check.pattern.firstMatch(in: text, range: whole) == nil ? [finding(anchorLine)] : []
    }

    private struct Suppression: Hashable {
        var line: Int
        var ruleID: String
    }

    private static func suppressions(in text: String) -> Set<Suppression> {
        var result: Set<Suppression> = []
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let marker = line.range(of: "kafka-skill:ignore") else { continue }
            for id in line[marker.upperBound...].split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }) {
                guard id.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }) else { break }
                result.insert(Suppression(line: offset + 1, ruleID: String(id)))
            }
        }
        return result
    }
}

/// A rule with its regular expressions compiled once per review.
private struct CompiledRule {
    struct Code {
        var pattern: NSRegularExpression
        var forbids: Bool
        var when: NSRegularExpression?
        var message: String?
        var fix: String?
    }

    enum Check {
        case config(ConfigCheck)
        case code(Code)
    }

    var rule: ReviewRule
    var check: Check

    init?(_ rule: ReviewRule) {
        self.rule = rule
        switch rule.check {
        case nil:
            return nil
        case .config(let config):
            check = .config(config)
        case .code(let code):
            let (pattern, forbids) = switch code.kind {
            case .forbid(let pattern): (pattern, true)
            case .require(let pattern): (pattern, false)
            }
            // The loader compiled these patterns already; a rule built by hand with a bad pattern
            // is skipped rather than crashing the review.
            guard let compiled = try? NSRegularExpression(pattern: pattern) else { return nil }
            let when = code.when.flatMap { try? NSRegularExpression(pattern: $0) }
            if code.when != nil, when == nil { return nil }
            check = .code(Code(pattern: compiled, forbids: forbids, when: when, message: code.message, fix: code.fix))
        }
    }
}

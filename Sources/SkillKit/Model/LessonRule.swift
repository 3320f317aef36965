/// A rule an assistant must follow when it writes or reviews Kafka code.
///
/// The format is shared with the Review module (see `notes/RULE-CHECKS.md`).
public struct LessonRule: Sendable, Equatable {
    /// The rule's id, kebab-case and unique across all lessons.
    public var id: String
    /// The rule, as an instruction.
    public var rule: String
    /// Why the rule exists: what breaks without it.
    public var why: String
    /// How serious a violation is.
    public var severity: RuleSeverity
    /// How Review checks the rule mechanically, where it can.
    public var check: RuleCheck?
    /// The primary source the rule rests on (a documentation page, KIP or file at a version), if recorded.
    public var source: String?
    /// Where the rule is defined.
    public var location: SourceLocation

    /// Creates a rule.
    public init(
        id: String, rule: String, why: String, severity: RuleSeverity, check: RuleCheck?, source: String? = nil,
        location: SourceLocation
    ) {
        self.id = id
        self.rule = rule
        self.why = why
        self.severity = severity
        self.check = check
        self.source = source
        self.location = location
    }
}

/// How serious a rule violation is.
public enum RuleSeverity: String, Sendable, Equatable, CaseIterable {
    /// The code is wrong: data loss, duplicates, hangs or crashes.
    case error
    /// The code works but is fragile or costly.
    case warning
    /// A recommendation.
    case info
}

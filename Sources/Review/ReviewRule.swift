public import KafkaSkillModel
/// A lesson rule as Review needs it: what it says, why, how much it matters and, where possible,
/// how to check it offline.
///
/// Review reads only the `rules:` of each lesson spec; SkillKit owns the full lesson model and its
/// validation. The `check` format is the one lesson specs use for their `rules:` (see ``RuleCheck`` in SkillKit).
public struct ReviewRule: Sendable, Hashable {
    /// The rule's id, kebab-case and unique across all lessons.
    public var id: String
    /// The rule in one sentence.
    public var rule: String
    /// Why the rule matters.
    public var why: String
    /// How much breaking the rule matters.
    public var severity: Severity
    /// How to check the rule offline, when it can be checked from configuration or code.
    public var check: RuleCheck?
    /// Where the rule is declared (its lesson file, line and column).
    public var location: SourceLocation

    /// Creates a rule.
    /// - Parameters:
    ///   - id: The rule's id.
    ///   - rule: The rule in one sentence.
    ///   - why: Why the rule matters.
    ///   - severity: How much breaking the rule matters.
    ///   - check: How to check the rule offline, if it can be.
    ///   - location: Where the rule is declared.
    public init(
        id: String,
        rule: String,
        why: String,
        severity: Severity,
        check: RuleCheck? = nil,
        location: SourceLocation
    ) {
        self.id = id
        self.rule = rule
        self.why = why
        self.severity = severity
        self.check = check
        self.location = location
    }
}

/// One problem found in reviewed code or configuration, by the static checks or by the model.
public struct Finding: Sendable, Hashable, Codable {
    /// Where a finding came from.
    public enum Source: String, Sendable, Hashable, Codable, CustomStringConvertible {
        /// The offline checks that lesson rules declare.
        case `static`
        /// The language-model review.
        case model

        /// The source's name as shown in reports.
        public var description: String { rawValue }
    }

    /// The id of the lesson rule the finding breaks (for example `producer-idempotence`).
    public var ruleID: String
    /// How much the finding matters.
    public var severity: Severity
    /// The file, relative to the reviewed root when it lies inside it.
    public var file: String
    /// The 1-based line the finding points at.
    public var line: Int
    /// What is wrong, in one or two sentences.
    public var message: String
    /// How to fix it, when the rule or the model says.
    public var suggestedFix: String?
    /// Whether the static checks or the model found it.
    public var source: Source

    /// Creates a finding.
    /// - Parameters:
    ///   - ruleID: The id of the rule the finding breaks.
    ///   - severity: How much the finding matters.
    ///   - file: The file the finding points at.
    ///   - line: The 1-based line the finding points at.
    ///   - message: What is wrong.
    ///   - suggestedFix: How to fix it, if known.
    ///   - source: Whether the static checks or the model found it.
    public init(
        ruleID: String,
        severity: Severity,
        file: String,
        line: Int,
        message: String,
        suggestedFix: String? = nil,
        source: Source
    ) {
        self.ruleID = ruleID
        self.severity = severity
        self.file = file
        self.line = line
        self.message = message
        self.suggestedFix = suggestedFix
        self.source = source
    }

    private enum CodingKeys: String, CodingKey {
        case ruleID = "ruleId"
        case severity, file, line, message, suggestedFix, source
    }
}

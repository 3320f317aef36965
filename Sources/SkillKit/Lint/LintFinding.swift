public import KafkaSkillModel
/// One problem found by `kafka-skill lint`.
public struct LintFinding: Sendable, Equatable, CustomStringConvertible {
    /// How serious the finding is; errors fail the lint.
    public enum Severity: String, Sendable, Equatable {
        /// The bundle or spec is invalid.
        case error
        /// The bundle works but breaks a recommendation.
        case warning
    }

    /// How serious the finding is.
    public var severity: Severity
    /// Where the problem is.
    public var location: SourceLocation
    /// What is wrong and what to do.
    public var message: String

    /// Creates a finding.
    public init(_ severity: Severity, _ location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    /// `file:line:column: severity: message`.
    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// The result of a lint run.
public struct LintReport: Sendable, Equatable {
    /// Every finding, sorted by file, line and column.
    public var findings: [LintFinding]

    /// Creates a report; findings are sorted.
    public init(findings: [LintFinding]) {
        self.findings = findings.sorted {
            ($0.location.file, $0.location.line, $0.location.column, $0.message)
                < ($1.location.file, $1.location.line, $1.location.column, $1.message)
        }
    }

    /// True when any finding is an error.
    public var hasErrors: Bool { findings.contains { $0.severity == .error } }

    /// The number of errors.
    public var errorCount: Int { findings.filter { $0.severity == .error }.count }

    /// The number of warnings.
    public var warningCount: Int { findings.filter { $0.severity == .warning }.count }
}

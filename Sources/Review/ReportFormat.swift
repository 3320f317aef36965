/// The formats a review report renders in.
public enum ReportFormat: String, Sendable, CaseIterable, CustomStringConvertible {
    /// One line per finding, compiler style (`file:line: severity [rule] message`).
    case text
    /// The report as JSON, for scripts.
    case json
    /// SARIF 2.1.0, for code-scanning tools.
    case sarif
    /// A Markdown table, for pull-request comments.
    case markdown

    /// The format's name as the command line spells it.
    public var description: String { rawValue }
}

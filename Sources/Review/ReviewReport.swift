/// The outcome of a review: merged findings, what was reviewed and what the model review cost.
public struct ReviewReport: Sendable {
    /// Findings, static and model, de-duplicated and ordered by file and line.
    public var findings: [Finding]
    /// The rules the review checked, which reports describe.
    public var rules: [ReviewRule]
    /// How many files were reviewed.
    public var filesReviewed: Int
    /// The model review's summary, or `nil` when it did not run.
    public var modelReview: ModelReviewSummary?
    /// Remarks for the reader, such as how to enable the model review.
    public var notes: [String]

    /// Creates a report.
    /// - Parameters:
    ///   - findings: The findings, in report order.
    ///   - rules: The rules the review checked.
    ///   - filesReviewed: How many files were reviewed.
    ///   - modelReview: The model review's summary, if it ran.
    ///   - notes: Remarks for the reader.
    public init(findings: [Finding], rules: [ReviewRule], filesReviewed: Int, modelReview: ModelReviewSummary? = nil, notes: [String] = []) {
        self.findings = findings
        self.rules = rules
        self.filesReviewed = filesReviewed
        self.modelReview = modelReview
        self.notes = notes
    }

    /// Whether any finding is at or above a severity, which makes the command exit with 1.
    /// - Parameter severity: The lowest severity that fails.
    public func hasFindings(atOrAbove severity: Severity) -> Bool {
        findings.contains { $0.severity >= severity }
    }

    /// The number of findings of a severity.
    public func count(of severity: Severity) -> Int {
        findings.lazy.filter { $0.severity == severity }.count
    }

    /// `5 errors, 1 warning, 0 info`-style counts.
    var countsSummary: String {
        Severity.allCases.reversed().map { severity in
            let count = count(of: severity)
            return "\(count) \(severity.rawValue)\(count == 1 || severity == .info ? "" : "s")"
        }.joined(separator: ", ")
    }

    /// Renders the report.
    /// - Parameter format: The output format.
    /// - Returns: The report's text; JSON and SARIF end with a newline.
    public func rendered(as format: ReportFormat) -> String {
        switch format {
        case .text: textRendering()
        case .json: jsonRendering()
        case .sarif: sarifRendering()
        case .markdown: markdownRendering()
        }
    }
}

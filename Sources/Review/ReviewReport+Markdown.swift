import Foundation

extension ReviewReport {
    func markdownRendering() -> String {
        var lines = ["## kafka-skill review", ""]
        lines.append("**\(findings.count) finding\(findings.count == 1 ? "" : "s")** (\(countsSummary)) in \(filesReviewed) file\(filesReviewed == 1 ? "" : "s").")
        if !findings.isEmpty {
            lines += ["", "| Severity | Rule | Location | Message | Suggested fix | Source |", "|---|---|---|---|---|---|"]
            for finding in findings {
                let cells = [
                    finding.severity.rawValue,
                    "`\(finding.ruleID)`",
                    "`\(finding.file):\(finding.line)`",
                    Self.cell(finding.message),
                    finding.suggestedFix.map(Self.cell) ?? "",
                    finding.source.rawValue,
                ]
                lines.append("| " + cells.joined(separator: " | ") + " |")
            }
        }
        if let model = modelReview {
            lines += ["", "Model review: \(model.provider) `\(model.model)`, \(model.chunks) chunk\(model.chunks == 1 ? "" : "s"); \(model.usage.summary); dropped findings: \(model.dropped.summary)."]
        }
        if !notes.isEmpty {
            lines.append("")
            lines += notes.map { "> \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text made safe for one table cell: pipes escaped, line breaks as `<br>`.
    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: "<br>")
    }
}

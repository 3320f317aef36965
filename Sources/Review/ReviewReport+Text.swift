extension ReviewReport {
    func textRendering() -> String {
        var lines: [String] = []
        for finding in findings {
            let origin = finding.source == .model ? " (model)" : ""
            lines.append("\(finding.file):\(finding.line): \(finding.severity) [\(finding.ruleID)]\(origin) \(finding.message)")
            if let fix = finding.suggestedFix {
                lines.append("    fix: \(fix)")
            }
        }
        let total = findings.count
        lines.append("\(total) finding\(total == 1 ? "" : "s") (\(countsSummary)) in \(filesReviewed) file\(filesReviewed == 1 ? "" : "s").")
        if let model = modelReview {
            lines.append("Model review: \(model.provider) \(model.model), \(model.chunks) chunk\(model.chunks == 1 ? "" : "s"); \(model.usage.summary); dropped findings: \(model.dropped.summary).")
        }
        lines += notes.map { "note: \($0)" }
        return lines.joined(separator: "\n") + "\n"
    }
}

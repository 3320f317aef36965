import KafkaSkillModel
/// Turns a model's answer into findings, dropping (and counting) those that do not match the
/// schema or point at a file or line that is not there.
struct FindingValidator {
    let sources: [ReviewSource]
    let ruleIDs: [String]
    let provider: ProviderKind

    /// The valid findings and the tally of dropped ones.
    /// - Throws: ``ReviewError/malformedResponse(_:reason:)`` when the answer is not an object with a
    ///   `findings` list at all.
    func findings(in answer: JSONValue) throws -> (findings: [Finding], dropped: DroppedFindings) {
        let validator = JSONSchemaValidator()
        if let problem = validator.problems(in: answer, schema: FindingsSchema.envelope).first {
            throw ReviewError.malformedResponse(provider, reason: problem)
        }
        let itemSchema = FindingsSchema.finding(ruleIDs: ruleIDs)
        let lineCounts = Dictionary(sources.map { ($0.path, $0.lineCount) }, uniquingKeysWith: { first, _ in first })
        var dropped = DroppedFindings()
        var findings: [Finding] = []
        for item in answer["findings"]?.arrayValue ?? [] {
            guard validator.problems(in: item, schema: itemSchema).isEmpty,
                  let ruleID = item["rule_id"]?.stringValue,
                  let severity = item["severity"]?.stringValue.flatMap(Severity.init(rawValue:)),
                  let file = item["file"]?.stringValue,
                  let line = item["line"]?.intValue,
                  let message = item["message"]?.stringValue else {
                dropped.invalid += 1
                continue
            }
            let path = file.hasPrefix("./") ? String(file.dropFirst(2)) : file
            guard let lineCount = lineCounts[path] else {
                dropped.unknownFile += 1
                continue
            }
            guard line >= 1, line <= lineCount else {
                dropped.lineOutOfRange += 1
                continue
            }
            findings.append(Finding(
                ruleID: ruleID == FindingsSchema.otherRuleID ? FindingsSchema.reportedOtherRuleID : ruleID,
                severity: severity,
                file: path,
                line: line,
                message: message,
                suggestedFix: item["suggested_fix"]?.stringValue,
                source: .model
            ))
        }
        return (findings, dropped)
    }
}

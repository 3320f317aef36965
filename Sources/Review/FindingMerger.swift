/// Merges static and model findings: one finding per rule, file and line, the static one kept
/// when both found it, because static findings are reproducible.
enum FindingMerger {
    private struct Key: Hashable {
        var ruleID: String
        var file: String
        var line: Int
    }

    static func merge(_ staticFindings: [Finding], _ modelFindings: [Finding]) -> [Finding] {
        var seen: Set<Key> = []
        var merged: [Finding] = []
        for finding in staticFindings + modelFindings
        where seen.insert(Key(ruleID: finding.ruleID, file: finding.file, line: finding.line)).inserted {
            merged.append(finding)
        }
        return merged.sorted { ($0.file, $0.line, $0.ruleID) < ($1.file, $1.line, $1.ruleID) }
    }
}

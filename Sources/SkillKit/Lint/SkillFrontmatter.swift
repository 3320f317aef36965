import Foundation

/// `SKILL.md` split the way skills-ref splits it: on the first two `---` markers.
struct SkillFrontmatter {
    /// The text between the markers.
    let yaml: String
    /// The text after the closing marker.
    let body: String
    /// The line (from 1) where the body starts.
    let bodyStartLine: Int

    enum Problem: Error {
        case notStarting
        case notClosed
    }

    static func split(_ text: String) throws(Problem) -> SkillFrontmatter {
        guard text.hasPrefix("---") else { throw .notStarting }
        let afterOpen = text.dropFirst(3)
        guard let close = afterOpen.range(of: "---") else { throw .notClosed }
        let yaml = String(afterOpen[..<close.lowerBound])
        let body = String(afterOpen[close.upperBound...])
        let consumed = text.distance(from: text.startIndex, to: close.upperBound)
        let line = text.prefix(consumed).filter { $0 == "\n" }.count + 1
        return SkillFrontmatter(yaml: yaml, body: body, bodyStartLine: line)
    }
}

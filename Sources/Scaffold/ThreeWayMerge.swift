import KafkaSkillModel
/// Merges two edited versions of a text against the version both started from, line by line, as diff3
/// does: changes on one side only are taken; the same change on both sides is taken once; different
/// changes to the same lines are a conflict, written between markers.
///
/// In the scaffolder, the base is the previous render, "yours" is the file on disk, and "theirs" is the new
/// render.
struct ThreeWayMerge {
    /// The merged text, with conflict markers where the sides disagree.
    let text: String
    /// How many conflicts the text holds.
    let conflictCount: Int

    static let yoursMarker = "<<<<<<< yours (the file on disk)"
    static let baseMarker = "||||||| previous scaffold"
    static let separator = "======="
    static let theirsMarker = ">>>>>>> new scaffold"

    /// Whether a text still holds a line this merge writes as a conflict's first or last marker.
    static func hasConflictMarkers(_ text: String) -> Bool {
        text.split(separator: "\n", omittingEmptySubsequences: false).contains { line in
            line.hasPrefix(yoursMarker) || line.hasPrefix(theirsMarker)
        }
    }

    /// Merges `yours` and `theirs`, which both derive from `base`.
    init(base: String, yours: String, theirs: String) {
        let o = base.linesKeepingBreaks
        let a = yours.linesKeepingBreaks
        let b = theirs.linesKeepingBreaks
        var inYours: [Int: Int] = [:]
        for match in LineDiff(old: o, new: a).matches { inYours[match.old] = match.new }
        var inTheirs: [Int: Int] = [:]
        for match in LineDiff(old: o, new: b).matches { inTheirs[match.old] = match.new }

        var output: [Substring] = []
        var conflicts = 0
        var i = 0
        var j = 0
        var k = 0
        while i < o.count || j < a.count || k < b.count {
            // A line of the base kept on both sides, at the current positions, is stable: copy it.
            if i < o.count, inYours[i] == j, inTheirs[i] == k {
                output.append(o[i])
                i += 1
                j += 1
                k += 1
                continue
            }
            // Otherwise the next stable line ends an unstable chunk (or the texts end).
            var next = i
            while next < o.count, !(inYours[next].map { $0 >= j } ?? false && inTheirs[next].map { $0 >= k } ?? false) {
                next += 1
            }
            let endA = next < o.count ? inYours[next] ?? a.count : a.count
            let endB = next < o.count ? inTheirs[next] ?? b.count : b.count
            let chunkO = Array(o[i..<next])
            let chunkA = Array(a[j..<endA])
            let chunkB = Array(b[k..<endB])
            if chunkA == chunkO {
                output += chunkB
            } else if chunkB == chunkO || chunkA == chunkB {
                output += chunkA
            } else {
                conflicts += 1
                output.append(Substring(Self.yoursMarker + "\n"))
                output += Self.terminated(chunkA)
                output.append(Substring(Self.baseMarker + "\n"))
                output += Self.terminated(chunkO)
                output.append(Substring(Self.separator + "\n"))
                output += Self.terminated(chunkB)
                output.append(Substring(Self.theirsMarker + "\n"))
            }
            i = next
            j = endA
            k = endB
        }
        text = output.joined()
        conflictCount = conflicts
    }

    /// Merges without a common base: where the sides differ, the whole of each is a conflict.
    init(yours: String, theirs: String) {
        guard yours != theirs else {
            text = yours
            conflictCount = 0
            return
        }
        var output = Self.yoursMarker + "\n" + Self.terminated(yours.linesKeepingBreaks).joined()
        output += Self.separator + "\n" + Self.terminated(theirs.linesKeepingBreaks).joined() + Self.theirsMarker + "\n"
        text = output
        conflictCount = 1
    }

    /// The lines with a line break after the last, so that a marker that follows starts its own line.
    private static func terminated(_ lines: [Substring]) -> [Substring] {
        guard let last = lines.last, !last.hasSuffix("\n") else { return lines }
        return lines.dropLast() + [Substring(last + "\n")]
    }
}

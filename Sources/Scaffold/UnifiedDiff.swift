/// A unified diff between two versions of a file, as `diff -u` prints it, with three lines of context.
package enum UnifiedDiff {
    /// The diff from `old` to `new`, or an empty string when they are equal. `nil` stands for a file that
    /// does not exist.
    package static func between(_ old: String?, _ new: String?, path: String, context: Int = 3) -> String {
        guard old != new else { return "" }
        let oldLines = (old ?? "").linesKeepingBreaks
        let newLines = (new ?? "").linesKeepingBreaks
        let edits = LineDiff(old: oldLines, new: newLines).edits
        var text = "--- " + (old == nil ? "/dev/null" : "a/\(path)") + "\n"
        text += "+++ " + (new == nil ? "/dev/null" : "b/\(path)") + "\n"
        for hunk in hunks(edits, context: context) {
            let slice = edits[hunk]
            var oldStart = 0
            var newStart = 0
            if let first = slice.first {
                switch first {
                case .keep(let o, let n): (oldStart, newStart) = (o, n)
                case .remove(let o): (oldStart, newStart) = (o, position(in: edits, before: hunk.lowerBound, new: true))
                case .insert(let n): (oldStart, newStart) = (position(in: edits, before: hunk.lowerBound, new: false), n)
                }
            }
            let oldCount = slice.filter { if case .insert = $0 { return false } else { return true } }.count
            let newCount = slice.filter { if case .remove = $0 { return false } else { return true } }.count
            text += "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@\n"
            for edit in slice {
                switch edit {
                case .keep(let o, _): text += line(" ", oldLines[o])
                case .remove(let o): text += line("-", oldLines[o])
                case .insert(let n): text += line("+", newLines[n])
                }
            }
        }
        return text
    }

    /// The index ranges of the edit script that form hunks: changes with up to `context` kept lines around
    /// them, neighbouring hunks joined.
    private static func hunks(_ edits: [LineDiff.Edit], context: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for (index, edit) in edits.enumerated() {
            if case .keep = edit { continue }
            let start = max(0, index - context)
            let end = min(edits.count, index + context + 1)
            if let last = ranges.last, start <= last.upperBound {
                ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, end)
            } else {
                ranges.append(start..<end)
            }
        }
        return ranges
    }

    /// The line position (0-based) on one side just before edit `index`, for hunks that start with an edit
    /// on the other side.
    private static func position(in edits: [LineDiff.Edit], before index: Int, new: Bool) -> Int {
        var count = 0
        for edit in edits[..<index] {
            switch edit {
            case .keep: count += 1
            case .remove: if !new { count += 1 }
            case .insert: if new { count += 1 }
            }
        }
        return count
    }

    private static func range(_ start: Int, _ count: Int) -> String {
        // diff -u numbers lines from 1; an empty range names the line before it.
        let first = count == 0 ? start : start + 1
        return count == 1 ? "\(first)" : "\(first),\(count)"
    }

    private static func line(_ prefix: String, _ text: Substring) -> String {
        text.hasSuffix("\n") ? prefix + text : prefix + text + "\n\\ No newline at end of file\n"
    }
}

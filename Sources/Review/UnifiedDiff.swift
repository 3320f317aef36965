/// Line-based unified diffs, as `git apply` and `patch -p1` read them.
enum UnifiedDiff {
    private enum Operation {
        case equal(old: Int, new: Int)
        case delete(old: Int)
        case insert(new: Int)

        var isChange: Bool {
            if case .equal = self { false } else { true }
        }
    }

    /// The diff from `old` to `new`, or `nil` when they are the same.
    /// - Parameters:
    ///   - old: The original text.
    ///   - new: The changed text.
    ///   - path: The file's path relative to the repository root; headers get `a/` and `b/`.
    ///   - context: Unchanged lines shown around each change.
    static func make(from old: String, to new: String, path: String, context: Int = 3) -> String? {
        guard old != new else { return nil }
        let oldLines = lines(of: old)
        let newLines = lines(of: new)
        let operations = self.operations(from: oldLines, to: newLines)
        var output = "--- a/\(path)\n+++ b/\(path)\n"
        for range in hunkRanges(operations, context: context) {
            let slice = operations[range]
            let oldCount = slice.filter { if case .insert = $0 { false } else { true } }.count
            let newCount = slice.filter { if case .delete = $0 { false } else { true } }.count
            let (oldStart, newStart) = start(of: range.lowerBound, in: operations)
            output += "@@ -\(header(oldStart, oldCount)) +\(header(newStart, newCount)) @@\n"
            for operation in slice {
                switch operation {
                case .equal(let index, _): output += line(" ", oldLines[index])
                case .delete(let index): output += line("-", oldLines[index])
                case .insert(let index): output += line("+", newLines[index])
                }
            }
        }
        return output
    }

    /// The text's lines, each with its newline, so that a last line without one differs from the
    /// same line with one.
    private static func lines(of text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) + "\n" }
        if let last = lines.popLast(), last != "\n" {
            lines.append(String(last.dropLast()))
        }
        return lines
    }

    private static func line(_ prefix: String, _ text: String) -> String {
        text.hasSuffix("\n") ? prefix + text : prefix + text + "\n\\ No newline at end of file\n"
    }

    private static func operations(from old: [String], to new: [String]) -> [Operation] {
        var removed: Set<Int> = []
        var inserted: Set<Int> = []
        for change in new.difference(from: old) {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var operations: [Operation] = []
        var oldIndex = 0
        var newIndex = 0
        while oldIndex < old.count || newIndex < new.count {
            if oldIndex < old.count, removed.contains(oldIndex) {
                operations.append(.delete(old: oldIndex))
                oldIndex += 1
            } else if newIndex < new.count, inserted.contains(newIndex) {
                operations.append(.insert(new: newIndex))
                newIndex += 1
            } else {
                operations.append(.equal(old: oldIndex, new: newIndex))
                oldIndex += 1
                newIndex += 1
            }
        }
        return operations
    }

    /// Ranges of operations to show: each change with `context` lines around it, close ones merged.
    private static func hunkRanges(_ operations: [Operation], context: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for (index, operation) in operations.enumerated() where operation.isChange {
            let lower = max(0, index - context)
            let upper = min(operations.count, index + context + 1)
            if let last = ranges.last, lower <= last.upperBound {
                ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, upper)
            } else {
                ranges.append(lower..<upper)
            }
        }
        return ranges
    }

    /// The 0-based old and new line positions where operation `index` starts.
    private static func start(of index: Int, in operations: [Operation]) -> (old: Int, new: Int) {
        var old = 0
        var new = 0
        for operation in operations[..<index] {
            switch operation {
            case .equal: old += 1; new += 1
            case .delete: old += 1
            case .insert: new += 1
            }
        }
        return (old, new)
    }

    private static func header(_ start: Int, _ count: Int) -> String {
        // An empty side names the line before the hunk, as diff does.
        count == 0 ? "\(start),0" : "\(start + 1),\(count)"
    }
}

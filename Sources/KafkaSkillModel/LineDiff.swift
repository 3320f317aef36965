/// The differences between two texts, line by line, with Myers' O(ND) algorithm: the longest common
/// subsequence of lines, and the edits around it.
public struct LineDiff: Sendable {
    /// A line kept, removed or added.
    public enum Edit: Sendable, Equatable {
        /// Present in both; the indices in the old and new lines.
        case keep(old: Int, new: Int)
        /// Only in the old lines.
        case remove(old: Int)
        /// Only in the new lines.
        case insert(new: Int)
    }

    /// The old lines.
    public let old: [Substring]
    /// The new lines.
    public let new: [Substring]
    /// The edit script, in order.
    public let edits: [Edit]

    /// Computes the edit script from `old` to `new`.
    /// - Parameters:
    ///   - old: The old lines.
    ///   - new: The new lines.
    public init(old: [Substring], new: [Substring]) {
        self.old = old
        self.new = new
        self.edits = Self.script(old, new)
    }

    /// The pairs of matching lines (old index, new index), increasing in both.
    public var matches: [(old: Int, new: Int)] {
        edits.compactMap { edit in
            if case .keep(let old, let new) = edit { return (old, new) }
            return nil
        }
    }

    private static func script(_ a: [Substring], _ b: [Substring]) -> [Edit] {
        // Lines are compared as integers: equal lines get the same number.
        var numbers: [Substring: Int] = [:]
        func number(_ line: Substring) -> Int {
            if let known = numbers[line] { return known }
            numbers[line] = numbers.count
            return numbers.count - 1
        }
        let x = a.map(number)
        let y = b.map(number)
        let n = x.count
        let m = y.count
        let maximum = n + m
        guard maximum > 0 else { return [] }
        let offset = maximum
        var frontier = [Int](repeating: 0, count: 2 * maximum + 2)
        var trace: [[Int]] = []
        search: for d in 0...maximum {
            trace.append(frontier)
            for k in stride(from: -d, through: d, by: 2) {
                var i: Int
                if k == -d || (k != d && frontier[offset + k - 1] < frontier[offset + k + 1]) {
                    i = frontier[offset + k + 1]
                } else {
                    i = frontier[offset + k - 1] + 1
                }
                var j = i - k
                while i < n, j < m, x[i] == y[j] {
                    i += 1
                    j += 1
                }
                frontier[offset + k] = i
                if i >= n, j >= m { break search }
            }
        }
        var edits: [Edit] = []
        var i = n
        var j = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let previous = trace[d]
            let k = i - j
            let previousK: Int
            if k == -d || (k != d && previous[offset + k - 1] < previous[offset + k + 1]) {
                previousK = k + 1
            } else {
                previousK = k - 1
            }
            let previousI = previous[offset + previousK]
            let previousJ = previousI - previousK
            while i > previousI, j > previousJ {
                i -= 1
                j -= 1
                edits.append(.keep(old: i, new: j))
            }
            if d > 0 {
                if i == previousI {
                    j -= 1
                    edits.append(.insert(new: j))
                } else {
                    i -= 1
                    edits.append(.remove(old: i))
                }
            }
        }
        return edits.reversed()
    }
}

extension String {
    /// The text's lines, each with its line break; a last line without one is kept as it is.
    public var linesKeepingBreaks: [Substring] {
        var lines: [Substring] = []
        var start = startIndex
        while start < endIndex {
            guard let newline = self[start...].firstIndex(of: "\n") else {
                lines.append(self[start...])
                break
            }
            let end = index(after: newline)
            lines.append(self[start..<end])
            start = end
        }
        return lines
    }
}

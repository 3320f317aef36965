/// The line of any UTF-16 offset in a text, found by binary search over the offsets where lines start, so
/// placing many findings in a large file costs one pass over it rather than one per finding.
struct LineIndex: Sendable {
    /// UTF-16 offsets just past each line feed.
    private let lineStarts: [Int]

    /// Indexes `text`'s lines.
    init(_ text: String) {
        var starts: [Int] = []
        var offset = 0
        for unit in text.utf16 {
            offset += 1
            if unit == 0x0A { starts.append(offset) }
        }
        lineStarts = starts
    }

    /// The 1-based line holding the UTF-16 offset.
    func line(of utf16Offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count
        while low < high {
            let middle = (low + high) / 2
            if lineStarts[middle] <= utf16Offset { low = middle + 1 } else { high = middle }
        }
        return low + 1
    }
}

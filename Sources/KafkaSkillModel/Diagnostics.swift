/// Several diagnostics reported together: every problem in a file (or a set of files) in one pass, ordered
/// by position, one per line.
public struct Diagnostics: Sendable, Hashable, Error, CustomStringConvertible, RandomAccessCollection {
    /// The diagnostics, in the order they were recorded.
    public private(set) var all: [Diagnostic]

    /// Creates a report.
    /// - Parameter diagnostics: The diagnostics.
    public init(_ diagnostics: [Diagnostic] = []) {
        self.all = diagnostics
    }

    /// Adds a diagnostic.
    /// - Parameter diagnostic: The diagnostic.
    public mutating func append(_ diagnostic: Diagnostic) {
        all.append(diagnostic)
    }

    /// Adds several diagnostics.
    /// - Parameter diagnostics: The diagnostics.
    public mutating func append(contentsOf diagnostics: some Sequence<Diagnostic>) {
        all.append(contentsOf: diagnostics)
    }

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// The diagnostics of one severity.
    /// - Parameter severity: The severity.
    /// - Returns: Those diagnostics, in recorded order.
    public func with(severity: Diagnostic.Severity) -> [Diagnostic] { all.filter { $0.severity == severity } }

    /// The diagnostics ordered by file, line and column (stable for equal positions).
    public var sorted: [Diagnostic] {
        all.enumerated().sorted { ($0.element.location, $0.offset) < ($1.element.location, $1.offset) }.map(\.element)
    }

    /// One diagnostic a line, ordered by position, then a count of errors and warnings when there is more
    /// than one.
    public var description: String {
        var lines = sorted.map(\.description)
        if all.count > 1 {
            let errors = with(severity: .error).count
            let warnings = with(severity: .warning).count
            lines.append("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        }
        return lines.joined(separator: "\n")
    }

    /// The first position.
    public var startIndex: Int { all.startIndex }
    /// The position after the last.
    public var endIndex: Int { all.endIndex }
    /// The diagnostic at a position.
    public subscript(position: Int) -> Diagnostic { all[position] }
}

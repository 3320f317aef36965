/// A problem found in a file the tool reads, at its `file:line:column`, with how much it matters and,
/// where one helps, a hint that says what to do about it.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// How much a diagnostic matters.
    public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable {
        /// Information about a choice the tool made.
        case note
        /// Something that does not stop the command but is probably not what the author meant.
        case warning
        /// Something that stops the command.
        case error

        /// Orders note < warning < error.
        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// How much the problem matters.
    public var severity: Severity
    /// What was found.
    public var message: String
    /// What to do about it, when the message alone does not say.
    public var hint: String?
    /// Where it was found.
    public var location: SourceLocation

    /// Creates a diagnostic.
    /// - Parameters:
    ///   - severity: How much it matters.
    ///   - message: What was found.
    ///   - location: Where it was found.
    ///   - hint: What to do about it.
    public init(_ severity: Severity, _ message: String, at location: SourceLocation, hint: String? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
        self.hint = hint
    }

    /// `file:line:column: severity: message`, the form compilers and editors read, with the hint on the
    /// next line.
    public var description: String {
        let head = "\(location): \(severity.rawValue): \(message)"
        guard let hint else { return head }
        return head + "\n  hint: " + hint
    }
}

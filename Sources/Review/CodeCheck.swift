/// A regular-expression check over Swift source files.
///
/// Patterns use `NSRegularExpression` syntax and are compiled when the rule is loaded, so a bad
/// pattern is reported at its place in the lesson file.
public struct CodeCheck: Sendable, Hashable {
    /// Whether a match is a finding or a missing match is.
    public enum Kind: Sendable, Hashable {
        /// Every match of the pattern is a finding.
        case forbid(String)
        /// A file (that matches `when`) without a match of the pattern is a finding.
        case require(String)
    }

    /// The pattern and what a match means.
    public var kind: Kind
    /// A pattern a file must match for the check to apply to it.
    public var when: String?
    /// The finding's message; the rule's text when absent.
    public var message: String?
    /// The suggested fix.
    public var fix: String?

    /// Creates a code check.
    /// - Parameters:
    ///   - kind: The pattern and what a match means.
    ///   - when: A pattern a file must match for the check to apply to it.
    ///   - message: The finding's message.
    ///   - fix: The suggested fix.
    public init(kind: Kind, when: String? = nil, message: String? = nil, fix: String? = nil) {
        self.kind = kind
        self.when = when
        self.message = message
        self.fix = fix
    }
}

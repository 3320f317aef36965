/// A problem found while reading a service description that did not stop the scaffold: something the
/// generator does not carry into the service, or a default it chose. Errors are thrown, never diagnosed.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How much the problem matters.
    public enum Severity: String, Sendable, Hashable, CaseIterable {
        /// Information about a choice the generator made.
        case note
        /// Something in the document that the generated service does not implement.
        case warning
    }

    /// How much the problem matters.
    public var severity: Severity
    /// What was found and what the generated service does about it.
    public var message: String
    /// Where it was found.
    public var location: SourceLocation

    /// Creates a diagnostic.
    /// - Parameters:
    ///   - severity: How much it matters.
    ///   - message: What was found and what the service does about it.
    ///   - location: Where it was found.
    public init(_ severity: Severity, _ message: String, at location: SourceLocation) {
        self.severity = severity
        self.message = message
        self.location = location
    }

    /// `file:line:column: warning: message`, the form compilers use.
    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

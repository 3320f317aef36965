/// The one error of the model module: a file that could not be written or read as the model expects.
///
/// Problems inside a spec are ``Diagnostic``s, not errors; this covers what stops reading or writing a file
/// as a whole.
public struct ModelError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is. New codes may be added; switch with a `default`.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable, Hashable {
            case writeFailed = "write-failed"
            case invalidDocument = "invalid-document"
        }

        private let value: Value

        /// A file could not be written or renamed into place.
        public static let writeFailed = Code(value: .writeFailed)
        /// A file is not valid YAML or JSON, or does not have the shape of its kind.
        public static let invalidDocument = Code(value: .invalidDocument)

        /// The code's name, such as `write-failed`.
        public var description: String { value.rawValue }
    }

    /// What kind of failure this is.
    public var code: Code
    /// The file concerned.
    public var path: String
    /// What was being done when it failed, such as `write` or `replace`.
    public var operation: String
    /// Why it failed, in words.
    public var reason: String
    /// The problems found, for ``Code/invalidDocument``.
    public var diagnostics: Diagnostics

    /// `path: could not <operation>: <reason>`, or the diagnostics of an invalid document.
    public var description: String {
        if code == .invalidDocument, !diagnostics.isEmpty { return diagnostics.description }
        return "\(path): could not \(operation): \(reason)"
    }

    static func writeFailed(path: String, operation: String, reason: String) -> ModelError {
        ModelError(code: .writeFailed, path: path, operation: operation, reason: reason, diagnostics: Diagnostics())
    }

    /// An invalid document, reported with every problem found in it.
    /// - Parameters:
    ///   - path: The file.
    ///   - diagnostics: The problems found.
    /// - Returns: The error.
    public static func invalidDocument(path: String, _ diagnostics: Diagnostics) -> ModelError {
        ModelError(code: .invalidDocument, path: path, operation: "read", reason: "invalid", diagnostics: diagnostics)
    }
}

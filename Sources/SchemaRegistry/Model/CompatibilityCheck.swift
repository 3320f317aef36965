/// The answer to a compatibility test (`POST /compatibility/subjects/{subject}/versions/{version}`).
public struct CompatibilityCheck: Sendable, Hashable {
    /// Whether the schema could be registered under the subject.
    public var isCompatible: Bool
    /// The reasons it could not, when the test was verbose; each names the breaking change.
    public var messages: [String]

    /// Creates a result.
    ///
    /// - Parameters:
    ///   - isCompatible: Whether the schema is compatible.
    ///   - messages: The reasons it is not.
    public init(isCompatible: Bool, messages: [String] = []) {
        self.isCompatible = isCompatible
        self.messages = messages
    }
}

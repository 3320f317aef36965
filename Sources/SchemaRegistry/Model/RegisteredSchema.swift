/// One version of a subject, as the registry reports it.
public struct RegisteredSchema: Sendable, Hashable {
    /// The subject, for example `orders-value`.
    public var subject: String
    /// The schema's id, shared by every subject that registered the same schema.
    public var id: Int
    /// The version within the subject, from 1.
    public var version: Int
    /// The schema text as the registry stores it.
    public var schema: String

    /// Creates a registered schema.
    ///
    /// - Parameters:
    ///   - subject: The subject.
    ///   - id: The schema id.
    ///   - version: The version within the subject.
    ///   - schema: The schema text.
    public init(subject: String, id: Int, version: Int, schema: String) {
        self.subject = subject
        self.id = id
        self.version = version
        self.schema = schema
    }
}

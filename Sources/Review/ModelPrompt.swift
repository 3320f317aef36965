public import KafkaSkillModel
/// One request to a model for a structured answer.
public struct ModelPrompt: Sendable, Hashable {
    /// The unchanging part: instructions, rules and skill references. Anthropic caches it.
    public var system: String
    /// The part that changes per request: the code or lesson under review.
    public var user: String
    /// The name of the answer's structure (the tool's or the JSON schema's name).
    public var schemaName: String
    /// What the structure is for, told to the model.
    public var schemaDescription: String
    /// The JSON schema the answer must follow, in the strict subset both providers accept.
    public var schema: JSONValue

    /// Creates a prompt.
    /// - Parameters:
    ///   - system: The unchanging part.
    ///   - user: The part that changes per request.
    ///   - schemaName: The name of the answer's structure (`[a-zA-Z0-9_-]{1,64}`).
    ///   - schemaDescription: What the structure is for.
    ///   - schema: The JSON schema the answer must follow.
    public init(system: String, user: String, schemaName: String, schemaDescription: String, schema: JSONValue) {
        self.system = system
        self.user = user
        self.schemaName = schemaName
        self.schemaDescription = schemaDescription
        self.schema = schema
    }
}

public import KafkaSkillModel
/// A model's structured answer and what it cost.
public struct ModelAnswer: Sendable, Hashable {
    /// The answer: the forced tool call's input or the JSON-schema content.
    public var json: JSONValue
    /// Tokens and requests this answer took.
    public var usage: TokenUsage

    /// Creates an answer.
    /// - Parameters:
    ///   - json: The structured answer.
    ///   - usage: Tokens and requests it took.
    public init(json: JSONValue, usage: TokenUsage) {
        self.json = json
        self.usage = usage
    }
}

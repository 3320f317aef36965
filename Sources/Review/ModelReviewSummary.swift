/// What the model review of one run did: which model, what it cost, what it dropped.
public struct ModelReviewSummary: Sendable, Hashable, Codable {
    /// The provider's wire protocol.
    public var provider: String
    /// The model asked.
    public var model: String
    /// How many prompts the code was split into.
    public var chunks: Int
    /// Tokens and requests spent.
    public var usage: TokenUsage
    /// Findings that failed validation.
    public var dropped: DroppedFindings

    /// Creates a summary.
    /// - Parameters:
    ///   - provider: The provider's wire protocol.
    ///   - model: The model asked.
    ///   - chunks: How many prompts the code was split into.
    ///   - usage: Tokens and requests spent.
    ///   - dropped: Findings that failed validation.
    public init(provider: ProviderKind, model: String, chunks: Int, usage: TokenUsage, dropped: DroppedFindings) {
        self.provider = provider.rawValue
        self.model = model
        self.chunks = chunks
        self.usage = usage
        self.dropped = dropped
    }
}

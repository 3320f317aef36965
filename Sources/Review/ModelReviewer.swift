/// Reviews sources with a model: builds the prompts, asks chunk by chunk, and keeps only findings
/// that match the schema and point at a reviewed file and an existing line.
public struct ModelReviewer: Sendable {
    /// The client that asks the model.
    public var client: ModelClient
    /// The rules the model reviews against.
    public var rules: [ReviewRule]
    /// The skill's reference pages, the relevant ones of which go into the prompt.
    public var references: [SkillReference]

    /// Creates a model reviewer.
    /// - Parameters:
    ///   - client: The client that asks the model.
    ///   - rules: The rules the model reviews against.
    ///   - references: The skill's reference pages.
    public init(client: ModelClient, rules: [ReviewRule], references: [SkillReference]) {
        self.client = client
        self.rules = rules
        self.references = references
    }

    /// Reviews sources.
    /// - Parameter sources: The files to review.
    /// - Returns: The valid findings and a summary of what the review cost and dropped.
    /// - Throws: ``ReviewError`` when a request fails or an answer is refused, truncated or not the
    ///   expected JSON.
    public func review(_ sources: [ReviewSource]) async throws -> (findings: [Finding], summary: ModelReviewSummary) {
        let builder = ReviewPromptBuilder(rules: rules, references: references, tokenBudget: client.configuration.tokenBudget)
        let system = builder.systemText(for: sources)
        let chunks = try builder.chunks(of: sources, systemText: system)
        let ruleIDs = rules.map(\.id)
        var usage = TokenUsage()
        var dropped = DroppedFindings()
        var findings: [Finding] = []
        for (index, chunk) in chunks.enumerated() {
            let prompt = ModelPrompt(
                system: system,
                user: ReviewPromptBuilder.userText(for: chunk, index: index, of: chunks.count),
                schemaName: FindingsSchema.name,
                schemaDescription: FindingsSchema.description,
                schema: FindingsSchema.answer(ruleIDs: ruleIDs)
            )
            let answer = try await client.complete(prompt)
            usage += answer.usage
            let validated = try FindingValidator(sources: sources, ruleIDs: ruleIDs, provider: client.configuration.provider).findings(in: answer.json)
            findings += validated.findings
            dropped += validated.dropped
        }
        let summary = ModelReviewSummary(
            provider: client.configuration.provider, model: client.configuration.model, chunks: chunks.count, usage: usage, dropped: dropped)
        return (findings, summary)
    }
}

/// Tokens and requests one review run spent, summed over every model request.
public struct TokenUsage: Sendable, Hashable, Codable {
    /// Input tokens billed at the full rate.
    public var inputTokens = 0
    /// Output tokens.
    public var outputTokens = 0
    /// Input tokens written to the provider's prompt cache (Anthropic).
    public var cacheCreationInputTokens = 0
    /// Input tokens read from the provider's prompt cache.
    public var cacheReadInputTokens = 0
    /// HTTP requests sent, retries included.
    public var httpRequests = 0
    /// Answers taken from the local response cache instead of the network.
    public var cachedResponses = 0

    /// Creates an empty tally.
    public init() {}

    /// Adds another tally to this one.
    public static func += (lhs: inout TokenUsage, rhs: TokenUsage) {
        lhs.inputTokens += rhs.inputTokens
        lhs.outputTokens += rhs.outputTokens
        lhs.cacheCreationInputTokens += rhs.cacheCreationInputTokens
        lhs.cacheReadInputTokens += rhs.cacheReadInputTokens
        lhs.httpRequests += rhs.httpRequests
        lhs.cachedResponses += rhs.cachedResponses
    }

    /// One line for people: requests, cache hits and tokens.
    public var summary: String {
        var parts = ["\(httpRequests) HTTP request\(httpRequests == 1 ? "" : "s")", "\(cachedResponses) from the response cache"]
        parts.append("\(inputTokens) input tokens")
        if cacheReadInputTokens > 0 || cacheCreationInputTokens > 0 {
            parts.append("\(cacheReadInputTokens) read from and \(cacheCreationInputTokens) written to the prompt cache")
        }
        parts.append("\(outputTokens) output tokens")
        return parts.joined(separator: ", ")
    }
}

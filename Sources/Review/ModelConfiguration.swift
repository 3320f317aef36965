public import Foundation

/// Which model to ask and how: provider, model, endpoint, key, limits and retries.
///
/// Keys come only from the environment (`ANTHROPIC_API_KEY`, `OPENAI_API_KEY`); use
/// ``resolve(provider:model:baseURL:environment:)`` to build a configuration from command-line
/// choices and the environment.
public struct ModelConfiguration: Sendable {
    /// The provider's wire protocol.
    public var provider: ProviderKind
    /// The model's name.
    public var model: String
    /// The API's base URL: `https://api.anthropic.com` (requests go to `/v1/messages`) or an
    /// OpenAI-compatible base such as `https://api.openai.com/v1` (requests go to `/chat/completions`).
    public var baseURL: URL
    /// The API key, if the provider needs one.
    public var apiKey: APIKey?
    /// The most output tokens one answer may use. Default: 8192.
    public var maxOutputTokens: Int
    /// The most input tokens (estimated at four characters each) one request may carry. Default: 60,000.
    public var tokenBudget: Int
    /// How long one HTTP request may take before it is abandoned. Default: 120 s.
    public var requestTimeout: Duration
    /// When to retry and how long to wait.
    public var retry: RetryPolicy
    /// Where answers are cached by request content; `nil` turns the cache off.
    /// Default: `.kafka-skill/review-cache` in the current folder.
    public var cacheDirectory: URL?

    /// Creates a configuration.
    /// - Parameters:
    ///   - provider: The provider's wire protocol.
    ///   - model: The model's name.
    ///   - baseURL: The API's base URL.
    ///   - apiKey: The API key, if the provider needs one.
    ///   - maxOutputTokens: The most output tokens one answer may use.
    ///   - tokenBudget: The most input tokens one request may carry.
    ///   - requestTimeout: How long one HTTP request may take.
    ///   - retry: When to retry and how long to wait.
    ///   - cacheDirectory: Where answers are cached; `nil` turns the cache off.
    public init(
        provider: ProviderKind,
        model: String,
        baseURL: URL,
        apiKey: APIKey?,
        maxOutputTokens: Int = 8192,
        tokenBudget: Int = 60_000,
        requestTimeout: Duration = .seconds(120),
        retry: RetryPolicy = RetryPolicy(),
        cacheDirectory: URL? = URL(fileURLWithPath: ".kafka-skill/review-cache")
    ) {
        self.provider = provider
        self.model = model
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.maxOutputTokens = maxOutputTokens
        self.tokenBudget = tokenBudget
        self.requestTimeout = requestTimeout
        self.retry = retry
        self.cacheDirectory = cacheDirectory
    }

    /// The default model of each provider.
    public static func defaultModel(for provider: ProviderKind) -> String {
        switch provider {
        case .anthropic: "claude-sonnet-4-5"
        case .openai: "gpt-4o-mini"
        }
    }

    /// The default base URL of each provider.
    public static func defaultBaseURL(for provider: ProviderKind) -> URL {
        switch provider {
        case .anthropic: URL(string: "https://api.anthropic.com")!
        case .openai: URL(string: "https://api.openai.com/v1")!
        }
    }

    /// The environment variable each provider's key is read from.
    public static func keyVariable(for provider: ProviderKind) -> String {
        switch provider {
        case .anthropic: "ANTHROPIC_API_KEY"
        case .openai: "OPENAI_API_KEY"
        }
    }

    /// What to set to turn the model review on, for messages.
    public static let enableHint =
        "set ANTHROPIC_API_KEY (Anthropic) or OPENAI_API_KEY (OpenAI), or pass --provider openai --base-url URL for a local OpenAI-compatible server (llama.cpp, Ollama, vLLM)."

    /// Builds a configuration from command-line choices and the environment.
    ///
    /// Without a provider, a base URL selects the OpenAI-compatible protocol, and otherwise the
    /// first key found (`ANTHROPIC_API_KEY`, then `OPENAI_API_KEY`) selects its provider. A local
    /// OpenAI-compatible server (any base URL but the default) needs no key.
    /// - Parameters:
    ///   - provider: The provider asked for, if any.
    ///   - model: The model asked for; the provider's default when `nil`.
    ///   - baseURL: The base URL asked for; the provider's default when `nil`.
    ///   - environment: The process environment.
    /// - Returns: The configuration, or `nil` when nothing asks for a model review.
    /// - Throws: ``ReviewError/modelNotConfigured(_:)`` when a provider is asked for without the key
    ///   it needs, ``ReviewError/invalidBaseURL(_:)`` for a base URL that is not absolute http(s).
    public static func resolve(provider: ProviderKind?, model: String?, baseURL: String?, environment: [String: String]) throws -> ModelConfiguration? {
        let chosen: ProviderKind
        if let provider {
            chosen = provider
        } else if baseURL != nil {
            chosen = .openai
        } else if nonEmpty(environment["ANTHROPIC_API_KEY"]) != nil {
            chosen = .anthropic
        } else if nonEmpty(environment["OPENAI_API_KEY"]) != nil {
            chosen = .openai
        } else {
            return nil
        }
        var url = defaultBaseURL(for: chosen)
        if let baseURL {
            guard let parsed = URL(string: baseURL), let scheme = parsed.scheme?.lowercased(),
                  scheme == "http" || scheme == "https", parsed.host != nil else {
                throw ReviewError.invalidBaseURL(baseURL)
            }
            url = parsed
        }
        let variable = keyVariable(for: chosen)
        let key = nonEmpty(environment[variable]).map(APIKey.init)
        let isLocal = chosen == .openai && url != defaultBaseURL(for: .openai)
        if key == nil, !isLocal {
            throw ReviewError.modelNotConfigured("the \(chosen) provider needs \(variable) in the environment; set it, or use --provider openai --base-url URL for a local server.")
        }
        return ModelConfiguration(provider: chosen, model: model ?? defaultModel(for: chosen), baseURL: url, apiKey: key)
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return value
    }
}

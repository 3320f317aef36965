/// The wire protocols the model review speaks.
public enum ProviderKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Anthropic's Messages API (`POST /v1/messages`).
    case anthropic
    /// OpenAI's Chat Completions API (`POST /chat/completions`), which local servers such as
    /// llama.cpp, Ollama and vLLM also speak.
    case openai

    /// The provider's name for messages.
    public var description: String {
        switch self {
        case .anthropic: "Anthropic"
        case .openai: "OpenAI-compatible"
        }
    }
}

import Foundation
import Review
import Testing

@Suite("Choosing the model from flags and the environment")
struct ModelConfigurationTests {
    @Test("nothing set means no model review")
    func nothingSet() throws {
        #expect(try ModelConfiguration.resolve(provider: nil, model: nil, baseURL: nil, environment: ["PATH": "/bin", "ANTHROPIC_API_KEY": " "]) == nil)
    }

    @Test("the first key found picks the provider, with its default model and URL")
    func keyPicksProvider() throws {
        let both = try #require(try ModelConfiguration.resolve(provider: nil, model: nil, baseURL: nil,
                                                               environment: ["ANTHROPIC_API_KEY": "a", "OPENAI_API_KEY": "o"]))
        #expect(both.provider == .anthropic)
        #expect(both.model == "claude-sonnet-4-5")
        #expect(both.baseURL.absoluteString == "https://api.anthropic.com")
        let openAI = try #require(try ModelConfiguration.resolve(provider: nil, model: "gpt-x", baseURL: nil, environment: ["OPENAI_API_KEY": "o"]))
        #expect(openAI.provider == .openai)
        #expect(openAI.model == "gpt-x")
        #expect(openAI.baseURL.absoluteString == "https://api.openai.com/v1")
    }

    @Test("a base URL alone selects a keyless OpenAI-compatible server")
    func localServer() throws {
        let local = try #require(try ModelConfiguration.resolve(provider: nil, model: "llama", baseURL: "http://127.0.0.1:8080/v1", environment: [:]))
        #expect(local.provider == .openai)
        #expect(local.apiKey == nil)
        #expect(local.baseURL.absoluteString == "http://127.0.0.1:8080/v1")
    }

    @Test("a provider without the key it needs says which variable to set", arguments: [
        (ProviderKind.anthropic, "ANTHROPIC_API_KEY"),
        (ProviderKind.openai, "OPENAI_API_KEY"),
    ])
    func missingKey(provider: ProviderKind, variable: String) {
        let error = #expect(throws: ReviewError.self) {
            try ModelConfiguration.resolve(provider: provider, model: nil, baseURL: nil, environment: [:])
        }
        #expect(error?.description.contains(variable) == true)
    }

    @Test("a base URL must be absolute http or https", arguments: ["127.0.0.1:8080", "ftp://host/v1", "not a url"])
    func badBaseURL(url: String) {
        #expect(throws: ReviewError.self) {
            try ModelConfiguration.resolve(provider: .openai, model: nil, baseURL: url, environment: [:])
        }
    }

    @Test("the key never shows in text")
    func keyIsRedacted() throws {
        let configuration = try #require(try ModelConfiguration.resolve(provider: nil, model: nil, baseURL: nil, environment: ["ANTHROPIC_API_KEY": "sk-secret-1"]))
        let key = try #require(configuration.apiKey)
        #expect("\(key)" == "<redacted>")
        #expect(String(reflecting: key) == "APIKey(<redacted>)")
        #expect(!"\(configuration)".contains("sk-secret-1"))
    }
}

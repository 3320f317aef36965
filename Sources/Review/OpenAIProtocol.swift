import Foundation
import KafkaSkillModel

/// OpenAI's Chat Completions API and the servers that copy it: `response_format` with a strict
/// JSON schema carries the structured answer.
struct OpenAIProtocol: ProviderProtocol {
    /// Whether the base URL is OpenAI's own; local servers get `max_tokens`, which all of them
    /// accept, while OpenAI's newer models accept only `max_completion_tokens`.
    var isOpenAIHosted: Bool

    func endpoint(baseURL: URL) -> URL {
        baseURL.appendingPathComponent("chat").appendingPathComponent("completions")
    }

    func authorizationHeaders(for key: APIKey?) -> [String: String] {
        key.map { ["authorization": "Bearer \($0.value)"] } ?? [:]
    }

    var headers: [String: String] {
        ["content-type": "application/json"]
    }

    func body(for prompt: ModelPrompt, model: String, maxOutputTokens: Int) -> JSONValue {
        .object([
            "model": .string(model),
            isOpenAIHosted ? "max_completion_tokens" : "max_tokens": .int(maxOutputTokens),
            "messages": .array([
                .object(["role": .string("system"), "content": .string(prompt.system)]),
                .object(["role": .string("user"), "content": .string(prompt.user)]),
            ]),
            "response_format": .object([
                "type": .string("json_schema"),
                "json_schema": .object([
                    "name": .string(prompt.schemaName),
                    "description": .string(prompt.schemaDescription),
                    "strict": .bool(true),
                    "schema": prompt.schema,
                ]),
            ]),
        ])
    }

    func answer(from body: Data, maxOutputTokens: Int) throws -> ModelAnswer {
        guard let response = JSONValue.parse(body) else {
            throw ReviewError.malformedResponse(.openai, reason: "the response body is not JSON")
        }
        guard let choice = response["choices"]?.arrayValue?.first, let message = choice["message"] else {
            throw ReviewError.malformedResponse(.openai, reason: "the response has no choices[0].message")
        }
        if let refusal = message["refusal"]?.stringValue {
            throw ReviewError.refusal(.openai, explanation: refusal)
        }
        switch choice["finish_reason"]?.stringValue {
        case "length":
            throw ReviewError.truncated(.openai, maxOutputTokens: maxOutputTokens)
        case "content_filter":
            throw ReviewError.refusal(.openai, explanation: "the answer was withheld by the content filter")
        default:
            break
        }
        guard let content = message["content"]?.stringValue else {
            throw ReviewError.malformedResponse(.openai, reason: "choices[0].message.content is not a string")
        }
        guard let json = JSONValue.parse(Data(content.utf8)) else {
            throw ReviewError.malformedResponse(.openai, reason: "choices[0].message.content is not valid JSON")
        }
        var usage = TokenUsage()
        let cached = response["usage"]?["prompt_tokens_details"]?["cached_tokens"]?.intValue ?? 0
        usage.inputTokens = (response["usage"]?["prompt_tokens"]?.intValue ?? 0) - cached
        usage.cacheReadInputTokens = cached
        usage.outputTokens = response["usage"]?["completion_tokens"]?.intValue ?? 0
        return ModelAnswer(json: json, usage: usage)
    }

    func failure(status: Int, body: Data, headers: [String: String]) -> AttemptFailure {
        let error = JSONValue.parse(body)?["error"]
        let code = error?["code"]?.stringValue
        let type = error?["type"]?.stringValue
        let message = error?["message"]?.stringValue ?? String(decoding: body.prefix(300), as: UTF8.self)
        var failure = AttemptFailure.byStatus(status, message: (code ?? type).map { "\($0): \(message)" } ?? message, headers: headers)
        if status == 429, code == "insufficient_quota" || type == "insufficient_quota" {
            failure.kind = .spendLimit
        }
        return failure
    }
}

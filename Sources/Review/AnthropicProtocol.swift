import Foundation
import KafkaSkillModel

/// Anthropic's Messages API: a forced tool call carries the structured answer, and the system
/// block is marked for prompt caching because it is the same for every chunk of a run.
struct AnthropicProtocol: ProviderProtocol {
    static let version = "2023-06-01"

    func endpoint(baseURL: URL) -> URL {
        baseURL.appendingPathComponent("v1").appendingPathComponent("messages")
    }

    func authorizationHeaders(for key: APIKey?) -> [String: String] {
        key.map { ["x-api-key": $0.value] } ?? [:]
    }

    var headers: [String: String] {
        ["anthropic-version": Self.version, "content-type": "application/json"]
    }

    func body(for prompt: ModelPrompt, model: String, maxOutputTokens: Int) -> JSONValue {
        .object([
            "model": .string(model),
            "max_tokens": .int(maxOutputTokens),
            "system": .array([.object([
                "type": .string("text"),
                "text": .string(prompt.system),
                "cache_control": .object(["type": .string("ephemeral")]),
            ])]),
            "messages": .array([.object(["role": .string("user"), "content": .string(prompt.user)])]),
            "tools": .array([.object([
                "name": .string(prompt.schemaName),
                "description": .string(prompt.schemaDescription),
                "input_schema": prompt.schema,
            ])]),
            "tool_choice": .object(["type": .string("tool"), "name": .string(prompt.schemaName)]),
        ])
    }

    func answer(from body: Data, maxOutputTokens: Int) throws -> ModelAnswer {
        guard let response = JSONValue.parse(body) else {
            throw ReviewError.malformedResponse(.anthropic, reason: "the response body is not JSON")
        }
        let blocks = response["content"]?.arrayValue ?? []
        switch response["stop_reason"]?.stringValue {
        case "refusal":
            let text = blocks.compactMap { $0["text"]?.stringValue }.joined(separator: " ")
            throw ReviewError.refusal(.anthropic, explanation: text.isEmpty ? "stop_reason was 'refusal'" : text)
        case "max_tokens", "model_context_window_exceeded":
            throw ReviewError.truncated(.anthropic, maxOutputTokens: maxOutputTokens)
        case "tool_use", "end_turn", "stop_sequence":
            break
        case let other:
            throw ReviewError.malformedResponse(.anthropic, reason: "unexpected stop_reason '\(other ?? "none")'")
        }
        guard let call = blocks.first(where: { $0["type"]?.stringValue == "tool_use" }), let input = call["input"] else {
            throw ReviewError.malformedResponse(.anthropic, reason: "the answer has no tool_use block")
        }
        var usage = TokenUsage()
        usage.inputTokens = response["usage"]?["input_tokens"]?.intValue ?? 0
        usage.outputTokens = response["usage"]?["output_tokens"]?.intValue ?? 0
        usage.cacheCreationInputTokens = response["usage"]?["cache_creation_input_tokens"]?.intValue ?? 0
        usage.cacheReadInputTokens = response["usage"]?["cache_read_input_tokens"]?.intValue ?? 0
        return ModelAnswer(json: input, usage: usage)
    }

    func failure(status: Int, body: Data, headers: [String: String]) -> AttemptFailure {
        let error = JSONValue.parse(body)?["error"]
        let type = error?["type"]?.stringValue
        let message = error?["message"]?.stringValue ?? String(decoding: body.prefix(300), as: UTF8.self)
        var failure = AttemptFailure.byStatus(status, message: type.map { "\($0): \(message)" } ?? message, headers: headers)
        if status == 529 || type == "overloaded_error" {
            failure.kind = .overloaded
        }
        if status == 429, Self.isSpendLimit(message: message, details: error?["details"]) {
            failure.kind = .spendLimit
        }
        if type == "billing_error" {
            failure.kind = .spendLimit
        }
        return failure
    }

    /// A 429 about money, not rate: an enforced spend limit or exhausted credit.
    private static func isSpendLimit(message: String, details: JSONValue?) -> Bool {
        if details?["error_code"]?.stringValue == "enforced_spend_limit_reached" { return true }
        let lowered = message.lowercased()
        return ["spend limit", "spending limit", "credit", "billing", "usage limit"].contains { lowered.contains($0) }
    }
}

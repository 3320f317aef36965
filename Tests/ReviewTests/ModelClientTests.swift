import KafkaSkillModel
import Foundation
import Review
import Testing

@Suite("Model client against local servers speaking each provider's wire format")
struct ModelClientTests {
    static let secret = "sk-test-DO-NOT-LEAK-4242"

    private let prompt = ModelPrompt(
        system: "You review Kafka code.",
        user: "Review: let x = 1",
        schemaName: "report_findings",
        schemaDescription: "Findings.",
        schema: .object(["type": .string("object"), "additionalProperties": .bool(false), "required": .array([.string("findings")]),
                         "properties": .object(["findings": .object(["type": .string("array")])])])
    )

    private func configuration(_ provider: ProviderKind, _ url: URL, sleeps: SleepRecorder, maxRetries: Int = 5, key: String? = secret,
                               cache: URL? = nil, timeout: Duration = .seconds(10)) -> ModelConfiguration {
        ModelConfiguration(
            provider: provider,
            model: "model-test",
            baseURL: provider == .anthropic ? url : url.appendingPathComponent("v1"),
            apiKey: key.map(APIKey.init),
            maxOutputTokens: 1000,
            requestTimeout: timeout,
            retry: sleeps.policy(maxRetries: maxRetries),
            cacheDirectory: cache
        )
    }

    @Test("Anthropic: forced tool call, prompt caching and headers; the answer is the tool input")
    func anthropicSuccess() async throws {
        let sleeps = SleepRecorder()
        let reply = LLMTestServer.Reply(body: WireFormats.anthropicToolUse(["findings": []]))
        let (answer, received) = try await LLMTestServer.with([reply]) { url, server in
            (try await ModelClient(configuration: configuration(.anthropic, url, sleeps: sleeps)).complete(prompt), server.received)
        }
        #expect(answer.json == .object(["findings": .array([])]))
        #expect(answer.usage.inputTokens == 1500)
        #expect(answer.usage.outputTokens == 120)
        #expect(answer.usage.cacheCreationInputTokens == 1200)
        #expect(answer.usage.httpRequests == 1)
        let request = try #require(received.first)
        #expect(request.path == "/v1/messages")
        #expect(request.headers["x-api-key"] == Self.secret)
        #expect(request.headers["anthropic-version"] == "2023-06-01")
        let body = try #require(request.json)
        #expect(body["model"] as? String == "model-test")
        #expect(body["max_tokens"] as? Int == 1000)
        let choice = try #require(body["tool_choice"] as? [String: Any])
        #expect(choice["type"] as? String == "tool")
        #expect(choice["name"] as? String == "report_findings")
        let tool = try #require((body["tools"] as? [[String: Any]])?.first)
        #expect(tool["name"] as? String == "report_findings")
        #expect((tool["input_schema"] as? [String: Any])?["type"] as? String == "object")
        let system = try #require((body["system"] as? [[String: Any]])?.first)
        #expect(system["text"] as? String == "You review Kafka code.")
        #expect((system["cache_control"] as? [String: Any])?["type"] as? String == "ephemeral")
        let message = try #require((body["messages"] as? [[String: Any]])?.first)
        #expect(message["role"] as? String == "user")
        #expect(sleeps.recorded.isEmpty)
    }

    @Test("OpenAI-compatible: strict json_schema response format, Bearer key, content parsed as JSON")
    func openAISuccess() async throws {
        let sleeps = SleepRecorder()
        let reply = LLMTestServer.Reply(body: WireFormats.openAIChat(content: #"{"findings":[]}"#))
        let (answer, received) = try await LLMTestServer.with([reply]) { url, server in
            (try await ModelClient(configuration: configuration(.openai, url, sleeps: sleeps)).complete(prompt), server.received)
        }
        #expect(answer.json == .object(["findings": .array([])]))
        #expect(answer.usage.inputTokens == 800)
        #expect(answer.usage.cacheReadInputTokens == 100)
        #expect(answer.usage.outputTokens == 60)
        let request = try #require(received.first)
        #expect(request.path == "/v1/chat/completions")
        #expect(request.headers["authorization"] == "Bearer \(Self.secret)")
        let body = try #require(request.json)
        #expect(body["max_tokens"] as? Int == 1000)
        let format = try #require(body["response_format"] as? [String: Any])
        #expect(format["type"] as? String == "json_schema")
        let schema = try #require(format["json_schema"] as? [String: Any])
        #expect(schema["name"] as? String == "report_findings")
        #expect(schema["strict"] as? Bool == true)
        #expect((schema["schema"] as? [String: Any])?["additionalProperties"] as? Bool == false)
        let roles = (body["messages"] as? [[String: Any]])?.compactMap { $0["role"] as? String }
        #expect(roles == ["system", "user"])
    }

    @Test("a local OpenAI-compatible server needs no key and gets no Authorization header")
    func openAIWithoutKey() async throws {
        let reply = LLMTestServer.Reply(body: WireFormats.openAIChat(content: #"{"findings":[]}"#))
        let received = try await LLMTestServer.with([reply]) { url, server in
            _ = try await ModelClient(configuration: configuration(.openai, url, sleeps: SleepRecorder(), key: nil)).complete(prompt)
            return server.received
        }
        #expect(received.count == 1)
        #expect(received.first?.headers["authorization"] == nil)
    }

    @Test("429 with retry-after is retried after exactly that long")
    func rateLimitedWithRetryAfter() async throws {
        let sleeps = SleepRecorder()
        let script = [
            LLMTestServer.Reply(status: 429, headers: ["retry-after": "3"], body: WireFormats.anthropicError(type: "rate_limit_error", message: "Number of request tokens has exceeded your per-minute rate limit")),
            LLMTestServer.Reply(body: WireFormats.anthropicToolUse(["findings": []])),
        ]
        let (answer, count) = try await LLMTestServer.with(script) { url, server in
            (try await ModelClient(configuration: configuration(.anthropic, url, sleeps: sleeps)).complete(prompt), server.received.count)
        }
        #expect(count == 2)
        #expect(answer.usage.httpRequests == 2)
        #expect(sleeps.recorded == [.seconds(3)])
    }

    @Test("529 overloaded is retried with exponential backoff, then reported after the last retry")
    func overloaded() async throws {
        let sleeps = SleepRecorder()
        let overloaded = LLMTestServer.Reply(status: 529, body: WireFormats.anthropicError(type: "overloaded_error", message: "Overloaded"))
        let count = try await LLMTestServer.with([overloaded]) { url, server in
            let error = await #expect(throws: ReviewError.self) {
                try await ModelClient(configuration: configuration(.anthropic, url, sleeps: sleeps, maxRetries: 5)).complete(prompt)
            }
            guard case .overloaded(_, let attempts, _)? = error else {
                Issue.record("expected overloaded, got \(String(describing: error))")
                return 0
            }
            #expect(attempts == 6)
            return server.received.count
        }
        #expect(count == 6)
        #expect(sleeps.recorded == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8)])
    }

    @Test("jitter shortens each backoff by up to a quarter")
    func jitter() {
        let policy = RetryPolicy(jitter: { 1 })
        #expect(policy.delay(beforeRetry: 1, retryAfter: nil) == .milliseconds(375))
        #expect(policy.delay(beforeRetry: 9, retryAfter: nil) == .seconds(6))
        #expect(policy.delay(beforeRetry: 2, retryAfter: .seconds(120)) == .milliseconds(750))
    }

    @Test("errors that retrying cannot fix stop after one request", arguments: [
        (ProviderKind.anthropic, 401, WireFormats.anthropicError(type: "authentication_error", message: "invalid x-api-key"), "authentication"),
        (ProviderKind.anthropic, 403, WireFormats.anthropicError(type: "permission_error", message: "no access"), "authentication"),
        (ProviderKind.anthropic, 400, WireFormats.anthropicError(type: "invalid_request_error", message: "max_tokens too large"), "rejected"),
        (ProviderKind.anthropic, 429, WireFormats.anthropicError(type: "rate_limit_error", message: "This request would exceed your organization's spend limit."), "spendLimit"),
        (ProviderKind.openai, 429, WireFormats.openAIError(message: "You exceeded your current quota.", type: "insufficient_quota", code: "insufficient_quota"), "spendLimit"),
        (ProviderKind.openai, 401, WireFormats.openAIError(message: "Incorrect API key provided.", type: "invalid_request_error", code: "invalid_api_key"), "authentication"),
    ])
    func notRetried(provider: ProviderKind, status: Int, body: String, expected: String) async throws {
        let sleeps = SleepRecorder()
        let count = try await LLMTestServer.with([LLMTestServer.Reply(status: status, headers: ["retry-after": "1"], body: body)]) { url, server in
            let error = await #expect(throws: ReviewError.self) {
                try await ModelClient(configuration: configuration(provider, url, sleeps: sleeps)).complete(prompt)
            }
            let kind = switch error {
            case .authentication?: "authentication"
            case .spendLimit?: "spendLimit"
            case .rejected?: "rejected"
            default: "\(String(describing: error))"
            }
            #expect(kind == expected)
            #expect(error?.isRetriable == false)
            return server.received.count
        }
        #expect(count == 1)
        #expect(sleeps.recorded.isEmpty)
    }

    @Test("408, 409 and 5xx are retried", arguments: [408, 409, 500, 502, 503])
    func retriedStatuses(status: Int) async throws {
        let sleeps = SleepRecorder()
        let script = [
            LLMTestServer.Reply(status: status, body: WireFormats.openAIError(message: "try again", type: "server_error", code: nil)),
            LLMTestServer.Reply(body: WireFormats.openAIChat(content: #"{"findings":[]}"#)),
        ]
        let count = try await LLMTestServer.with(script) { url, server in
            _ = try await ModelClient(configuration: configuration(.openai, url, sleeps: sleeps)).complete(prompt)
            return server.received.count
        }
        #expect(count == 2)
        #expect(sleeps.recorded == [.milliseconds(500)])
    }

    @Test("x-should-retry: false stops retries of a retriable status")
    func serverSaysNoRetry() async throws {
        let sleeps = SleepRecorder()
        let reply = LLMTestServer.Reply(status: 500, headers: ["x-should-retry": "false"], body: WireFormats.anthropicError(type: "api_error", message: "internal"))
        let count = try await LLMTestServer.with([reply]) { url, server in
            let error = await #expect(throws: ReviewError.self) {
                try await ModelClient(configuration: configuration(.anthropic, url, sleeps: sleeps)).complete(prompt)
            }
            guard case .serverError(_, 500, 1, _)? = error else {
                Issue.record("expected a server error after one attempt, got \(String(describing: error))")
                return 0
            }
            return server.received.count
        }
        #expect(count == 1)
        #expect(sleeps.recorded.isEmpty)
    }

    @Test("an OpenAI 429 rate limit (not quota) is retried")
    func openAIRateLimit() async throws {
        let sleeps = SleepRecorder()
        let script = [
            LLMTestServer.Reply(status: 429, body: WireFormats.openAIError(message: "Rate limit reached", type: "requests", code: "rate_limit_exceeded")),
            LLMTestServer.Reply(body: WireFormats.openAIChat(content: #"{"findings":[]}"#)),
        ]
        let count = try await LLMTestServer.with(script) { url, server in
            _ = try await ModelClient(configuration: configuration(.openai, url, sleeps: sleeps)).complete(prompt)
            return server.received.count
        }
        #expect(count == 2)
        #expect(sleeps.recorded == [.milliseconds(500)])
    }

    @Test("truncated, refused and malformed answers are typed errors", arguments: [
        (ProviderKind.anthropic, WireFormats.anthropicToolUse(["findings": [["rule_id": "x"]]], stopReason: "max_tokens"), "truncated"),
        (ProviderKind.openai, WireFormats.openAIChat(content: #"{"findings":[{"rule_"#, finishReason: "length"), "truncated"),
        (ProviderKind.anthropic, WireFormats.anthropicText("", stopReason: "refusal"), "refusal"),
        (ProviderKind.openai, WireFormats.openAIChat(content: nil, refusal: "I can't help with that."), "refusal"),
        (ProviderKind.anthropic, WireFormats.anthropicText("Here are the findings: none", stopReason: "end_turn"), "malformed"),
        (ProviderKind.openai, WireFormats.openAIChat(content: "```json\n{findings: [}"), "malformed"),
    ])
    func badAnswers(provider: ProviderKind, body: String, expected: String) async throws {
        let count = try await LLMTestServer.with([LLMTestServer.Reply(body: body)]) { url, server in
            let error = await #expect(throws: ReviewError.self) {
                try await ModelClient(configuration: configuration(provider, url, sleeps: SleepRecorder())).complete(prompt)
            }
            let kind = switch error {
            case .truncated?: "truncated"
            case .refusal?: "refusal"
            case .malformedResponse?: "malformed"
            default: "\(String(describing: error))"
            }
            #expect(kind == expected)
            return server.received.count
        }
        #expect(count == 1)
    }

    @Test("a slow server times out per request, and timeouts are retried")
    func slowServer() async throws {
        let sleeps = SleepRecorder()
        let slow = LLMTestServer.Reply(body: WireFormats.anthropicToolUse(["findings": []]), delay: .seconds(3))
        let (count, elapsed) = try await LLMTestServer.with([slow]) { url, server in
            // Timed inside the server's lifetime: shutting the server down waits for its slow handler.
            let started = ContinuousClock.now
            let error = await #expect(throws: ReviewError.self) {
                try await ModelClient(configuration: configuration(.anthropic, url, sleeps: sleeps, maxRetries: 1, timeout: .milliseconds(300))).complete(prompt)
            }
            let elapsed = ContinuousClock.now - started
            guard case .timedOut(_, let attempts, let seconds)? = error else {
                Issue.record("expected a timeout, got \(String(describing: error))")
                return (0, elapsed)
            }
            #expect(attempts == 2)
            #expect(seconds == 0.3)
            return (server.received.count, elapsed)
        }
        #expect(count == 2)
        #expect(sleeps.recorded.count == 1)
        // Each attempt waits the full 0.3 s (not less, as URLSession's whole-second timeout on Linux
        // would) and no attempt waits for the server's 3 s.
        #expect(elapsed >= .milliseconds(600))
        #expect(elapsed < .seconds(3))
    }

    @Test("a refused connection is reported at once as a connection failure: retrying cannot make something listen")
    func connectionRefused() async throws {
        let sleeps = SleepRecorder()
        let closed = try ClosedPort()
        defer { withExtendedLifetime(closed) {} }
        let error = await #expect(throws: ReviewError.self) {
            try await ModelClient(configuration: configuration(.openai, closed.url, sleeps: sleeps, maxRetries: 2)).complete(prompt)
        }
        guard case .connectionFailed(_, let attempts, _)? = error else {
            Issue.record("expected a connection failure, got \(String(describing: error))")
            return
        }
        #expect(attempts == 1)
        #expect(sleeps.recorded.isEmpty)
        #expect(error?.description.contains("refused") == true, "\(String(describing: error))")
    }

    @Test("an unchanged request is answered from the cache without HTTP; the key is in no cache file")
    func responseCache() async throws {
        let cache = try TemporaryDirectory()
        let sleeps = SleepRecorder()
        let reply = LLMTestServer.Reply(body: WireFormats.anthropicToolUse(["findings": []]))
        try await LLMTestServer.with([reply]) { url, server in
            let client = ModelClient(configuration: configuration(.anthropic, url, sleeps: sleeps, cache: cache.url))
            let first = try await client.complete(prompt)
            let second = try await client.complete(prompt)
            #expect(server.received.count == 1)
            #expect(first.usage.httpRequests == 1)
            #expect(second.usage.httpRequests == 0)
            #expect(second.usage.cachedResponses == 1)
            #expect(second.json == first.json)
            var changed = prompt
            changed.user += "\nlet y = 2"
            _ = try await client.complete(changed)
            #expect(server.received.count == 2)
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: cache.url.path)
        #expect(files.count == 2)
        #expect(files.allSatisfy { $0.hasSuffix(".json") && !$0.hasPrefix(".") })
        for file in files {
            let text = try String(contentsOf: cache.url.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains(Self.secret))
            #expect(!file.contains(Self.secret))
        }
    }
}

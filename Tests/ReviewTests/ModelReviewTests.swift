import Foundation
import Review
import Testing

@Suite("Model review end to end against local servers")
struct ModelReviewTests {
    private func model(_ provider: ProviderKind, _ url: URL, budget: Int = 60_000, cache: URL? = nil) -> ModelConfiguration {
        ModelConfiguration(
            provider: provider,
            model: "model-test",
            baseURL: provider == .anthropic ? url : url.appendingPathComponent("v1"),
            apiKey: APIKey(ModelClientTests.secret),
            tokenBudget: budget,
            retry: SleepRecorder().policy(),
            cacheDirectory: cache
        )
    }

    private func reviewer(_ model: ModelConfiguration, skill: URL) throws -> Reviewer {
        Reviewer(baseDirectory: try Fixtures.directory(), lessonsDirectory: try Fixtures.lessons(), skillDirectory: skill, model: model)
    }

    private static var modelFindings: [[String: Any]] { [
        // The same as a static finding: merged away.
        ["rule_id": "producer-idempotence", "severity": "error", "file": "broken/OrderProducer.swift", "line": 7,
         "message": "Idempotence is disabled.", "suggested_fix": NSNull()],
        // New: kept, as a model finding outside the rules.
        ["rule_id": "other", "severity": "warning", "file": "./broken/OrderConsumer.swift", "line": 4,
         "message": "The consumer is never closed.", "suggested_fix": "Close it on shutdown."],
        // A line the file does not have.
        ["rule_id": "no-force-try", "severity": "error", "file": "broken/OrderProducer.swift", "line": 400,
         "message": "Force-try.", "suggested_fix": NSNull()],
        // A file that was not reviewed.
        ["rule_id": "no-force-try", "severity": "error", "file": "Sources/Elsewhere.swift", "line": 1,
         "message": "Force-try.", "suggested_fix": NSNull()],
        // Not in the schema: unknown severity and a rule id outside the list.
        ["rule_id": "no-force-try", "severity": "critical", "file": "broken/OrderProducer.swift", "line": 15,
         "message": "Force-try.", "suggested_fix": NSNull()],
        ["rule_id": "made-up-rule", "severity": "info", "file": "broken/OrderProducer.swift", "line": 3,
         "message": "Hmm.", "suggested_fix": NSNull()],
    ] }

    private func skillFolder() throws -> TemporaryDirectory {
        let skill = try TemporaryDirectory()
        try skill.write("# Idempotent producers\n\nSet enable.idempotence and acks=all on every producer.\n", to: "references/producers.md")
        try skill.write("# Strimzi\n\nHelm charts for Kubernetes operators.\n", to: "references/strimzi.md")
        return skill
    }

    @Test("Anthropic: findings validated, merged with static ones, invalid ones dropped and counted")
    func anthropicEndToEnd() async throws {
        let skill = try skillFolder()
        let reply = LLMTestServer.Reply(body: WireFormats.anthropicToolUse(["findings": Self.modelFindings]))
        let (report, received) = try await LLMTestServer.with([reply]) { url, server in
            (try await reviewer(model(.anthropic, url), skill: skill.url).review(paths: ["broken"]), server.received)
        }
        #expect(received.count == 1)
        let staticCount = report.findings.filter { $0.source == .static }.count
        #expect(staticCount == 13)
        let fromModel = report.findings.filter { $0.source == .model }
        #expect(fromModel.count == 1)
        #expect(fromModel.first?.ruleID == "model-review")
        #expect(fromModel.first?.file == "broken/OrderConsumer.swift")
        #expect(fromModel.first?.suggestedFix == "Close it on shutdown.")
        let summary = try #require(report.modelReview)
        #expect(summary.dropped.lineOutOfRange == 1)
        #expect(summary.dropped.unknownFile == 1)
        #expect(summary.dropped.invalid == 2)
        #expect(summary.usage.inputTokens == 1500)
        #expect(summary.usage.httpRequests == 1)
        #expect(summary.chunks == 1)

        let body = try #require(received.first?.json)
        let system = try #require(((body["system"] as? [[String: Any]])?.first)?["text"] as? String)
        for id in ["producer-idempotence", "consumer-offset-reset", "transaction-abort"] {
            #expect(system.contains("- \(id) ["))
        }
        #expect(system.contains("### references/producers.md"))
        #expect(!system.contains("strimzi"))
        let user = try #require(((body["messages"] as? [[String: Any]])?.first)?["content"] as? String)
        #expect(user.contains("FILE: broken/OrderProducer.swift (lines 1-17 of 17)\n1 | import Kafka\n"))
        let schema = try #require(((body["tools"] as? [[String: Any]])?.first)?["input_schema"] as? [String: Any])
        let items = try #require(((schema["properties"] as? [String: Any])?["findings"] as? [String: Any])?["items"] as? [String: Any])
        #expect(items["additionalProperties"] as? Bool == false)
        #expect((items["required"] as? [String])?.count == 6)
    }

    @Test("OpenAI-compatible: the same review through Chat Completions")
    func openAIEndToEnd() async throws {
        let skill = try TemporaryDirectory()
        let content = WireFormats.json(["findings": Self.modelFindings])
        let reply = LLMTestServer.Reply(body: WireFormats.openAIChat(content: content))
        let report = try await LLMTestServer.with([reply]) { url, _ in
            try await reviewer(model(.openai, url), skill: skill.url).review(paths: ["broken"])
        }
        #expect(report.findings.count == 14)
        #expect(report.modelReview?.dropped.total == 4)
        #expect(report.modelReview?.provider == "openai")
    }

    @Test("a small budget splits the code by file into chunks that each repeat the rules")
    func chunking() async throws {
        let skill = try TemporaryDirectory()
        let reply = LLMTestServer.Reply(body: WireFormats.anthropicToolUse(["findings": []]))
        let received = try await LLMTestServer.with([reply]) { url, server in
            _ = try await reviewer(model(.anthropic, url, budget: 1200), skill: skill.url).review(paths: ["broken", "clean"])
            return server.received
        }
        #expect(received.count > 2)
        var seenLines: [String: Set<Int>] = [:]
        for request in received {
            let body = try #require(request.json)
            let system = try #require(((body["system"] as? [[String: Any]])?.first)?["text"] as? String)
            #expect(system.contains("- no-force-try [error]"))
            let user = try #require(((body["messages"] as? [[String: Any]])?.first)?["content"] as? String)
            #expect(user.count / 4 <= 1200)
            var file = ""
            for line in user.split(separator: "\n") {
                if line.hasPrefix("FILE: ") {
                    file = String(line.dropFirst(6).prefix { $0 != " " })
                } else if let bar = line.range(of: " | "), let number = Int(line[..<bar.lowerBound]) {
                    #expect(seenLines[file, default: []].insert(number).inserted, "line \(number) of \(file) sent twice")
                }
            }
        }
        let sources = try ReviewSourceCollector(baseDirectory: Fixtures.directory()).collect(["broken", "clean"])
        for source in sources {
            #expect(seenLines[source.path] == Set(1...source.lineCount), "\(source.path) not sent whole")
        }
    }

    @Test("a re-run of an unchanged review is answered from the cache with no HTTP request")
    func cachedRerun() async throws {
        let skill = try TemporaryDirectory()
        let cache = try TemporaryDirectory()
        let reply = LLMTestServer.Reply(body: WireFormats.anthropicToolUse(["findings": Self.modelFindings]))
        let (first, second, count) = try await LLMTestServer.with([reply]) { url, server in
            let reviewer = try reviewer(model(.anthropic, url, cache: cache.url), skill: skill.url)
            let first = try await reviewer.review(paths: ["broken"])
            let second = try await reviewer.review(paths: ["broken"])
            return (first, second, server.received.count)
        }
        #expect(count == 1)
        #expect(second.findings == first.findings)
        #expect(second.modelReview?.usage.httpRequests == 0)
        #expect(second.modelReview?.usage.cachedResponses == 1)
        for file in try FileManager.default.contentsOfDirectory(atPath: cache.url.path) {
            let text = try String(contentsOf: cache.url.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains(ModelClientTests.secret))
        }
    }

    @Test("without a model the static review runs and the report says how to enable the model")
    func withoutModel() async throws {
        let reviewer = Reviewer(baseDirectory: try Fixtures.directory(), lessonsDirectory: try Fixtures.lessons(),
                                skillDirectory: try Fixtures.directory(), model: nil)
        let report = try await reviewer.review(paths: ["broken"])
        #expect(report.findings.count == 13)
        #expect(report.modelReview == nil)
        #expect(report.notes.contains { $0.contains("ANTHROPIC_API_KEY") && $0.contains("--base-url") })
        #expect(report.rendered(as: .text).contains("note: Model review is off"))
    }

    @Test("a token budget the rules alone exhaust is an error before any request")
    func budgetTooSmall() async throws {
        let skill = try TemporaryDirectory()
        let count = try await LLMTestServer.with([LLMTestServer.Reply(body: "{}")]) { url, server in
            let error = await #expect(throws: ReviewError.self) {
                try await reviewer(model(.anthropic, url, budget: 300), skill: skill.url).review(paths: ["broken"])
            }
            #expect(error?.description.contains("--token-budget") == true)
            return server.received.count
        }
        #expect(count == 0)
    }
}

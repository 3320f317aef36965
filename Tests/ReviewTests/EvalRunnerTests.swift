import Foundation
import Review
import Testing

/// `kafka-skill eval`'s runner against real loopback servers speaking each provider's format.
@Suite("Eval runner against loopback model servers")
struct EvalRunnerTests {
    static let suite = EvalSuite(
        tasks: [EvalTask(
            id: 1, prompt: "Write an at-least-once consumer.", expectedOutput: "Stores offsets after processing.",
            expectations: [
                Expectation(text: "Stores offsets manually", check: .property(key: "enable.auto.offset.store", value: "false")),
                Expectation(text: "Calls storeOffset", check: .call("storeOffset")),
                Expectation(text: "Does not use Java-only settings", check: .absent(["max.poll.records"])),
                Expectation(text: "Explains why the handler must be idempotent"),
            ])],
        triggers: [
            TriggerQuery(query: "How do I commit Kafka offsets safely?", shouldTrigger: true),
            TriggerQuery(query: "Set up a RabbitMQ exchange.", shouldTrigger: false),
        ])

    static let goodAnswer = "let consumerConfig = [\"group.id\": \"g\", \"enable.auto.offset.store\": \"false\"]\ntry consumer.storeOffset(message)\n"
    static let badAnswer = "let consumerConfig = [\"group.id\": \"g\", \"max.poll.records\": \"10\"]\n"

    func skillDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("eval-skill-\(UUID().uuidString)/kafka-events")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("references"), withIntermediateDirectories: true)
        try Data("---\nname: kafka-events\ndescription: \"Builds Kafka services.\"\n---\n# Skill\nStore offsets after processing.\n".utf8)
            .write(to: directory.appendingPathComponent("SKILL.md"))
        try Data("# Consumers\nUse storeOffset.\n".utf8).write(to: directory.appendingPathComponent("references/consumers.md"))
        return directory
    }

    func check(_ benchmark: Benchmark, _ server: LLMTestServer) throws {
        let task = try #require(benchmark.tasks.first)
        #expect(task.withSkill.passRates == [1.0])
        #expect(task.withoutSkill.passRates == [0.0])
        let grades = try #require(task.withSkill.attempts.first?.grades)
        #expect(grades.map(\.gradedBy) == ["check", "check", "check", "model"])
        #expect(grades[0].evidence.contains("enable.auto.offset.store"))
        let missing = try #require(task.withoutSkill.attempts.first?.grades)
        #expect(missing[2].evidence == "mentions max.poll.records")
        #expect(benchmark.trigger?.precision == 1.0)
        #expect(benchmark.trigger?.recall == 1.0)
        #expect(benchmark.trigger?.trueNegatives == 1)
        let requests = server.received
        #expect(requests.count == 6)
        let first = String(decoding: requests[0].body, as: UTF8.self)
        let third = String(decoding: requests[2].body, as: UTF8.self)
        #expect(first.contains("Store offsets after processing") && first.contains("Use storeOffset"))
        #expect(!third.contains("Store offsets after processing"))
        let markdown = benchmark.markdown()
        #expect(markdown.contains("| 1 | 100% ±0 | 0% ±0 | +100 |"))
        #expect(markdown.contains("Trigger set: precision 100%, recall 100% (1 TP, 0 FP, 0 FN, 1 TN)."))
    }

    @Test("OpenAI format: answers, checks, model grades and the trigger set make the benchmark")
    func openAI() async throws {
        let skill = try skillDirectory()
        defer { try? FileManager.default.removeItem(at: skill.deletingLastPathComponent()) }
        let script = [
            WireFormats.openAIChat(content: WireFormats.json(["answer": Self.goodAnswer])),
            WireFormats.openAIChat(content: WireFormats.json(["expectations": [["index": 3, "passed": true, "evidence": "explains dedupe"]]])),
            WireFormats.openAIChat(content: WireFormats.json(["answer": Self.badAnswer])),
            WireFormats.openAIChat(content: WireFormats.json(["expectations": [["index": 3, "passed": false, "evidence": "not explained"]]])),
            WireFormats.openAIChat(content: WireFormats.json(["skills": ["kafka-events"]])),
            WireFormats.openAIChat(content: WireFormats.json(["skills": [String]()])),
        ].map { LLMTestServer.Reply(body: $0) }
        try await LLMTestServer.with(script) { url, server in
            let configuration = try #require(try ModelConfiguration.resolve(
                provider: .openai, model: "gpt-test", baseURL: url.appendingPathComponent("v1").absoluteString, environment: [:]))
            let benchmark = try await EvalRunner(client: ModelClient(configuration: configuration), skillDirectory: skill, runs: 1).run(Self.suite)
            try check(benchmark, server)
            #expect(server.received.allSatisfy { $0.path == "/v1/chat/completions" })
            let out = skill.deletingLastPathComponent().appendingPathComponent("out")
            try benchmark.write(to: out)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("benchmark.json"))) as? [String: Any])
            #expect(json["model"] as? String == "gpt-test")
            let tasks = try #require(json["tasks"] as? [[String: Any]])
            #expect((tasks.first?["with_skill"] as? [String: Any])?["mean"] as? Double == 1.0)
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("benchmark.md").path))
        }
    }

    @Test("Anthropic format: the same run over tool-use answers, with the key sent as x-api-key")
    func anthropic() async throws {
        let skill = try skillDirectory()
        defer { try? FileManager.default.removeItem(at: skill.deletingLastPathComponent()) }
        let script = [
            WireFormats.anthropicToolUse(["answer": Self.goodAnswer], name: "answer"),
            WireFormats.anthropicToolUse(["expectations": [["index": 3, "passed": true, "evidence": "explains dedupe"]]], name: "grades"),
            WireFormats.anthropicToolUse(["answer": Self.badAnswer], name: "answer"),
            WireFormats.anthropicToolUse(["expectations": [["index": 3, "passed": false, "evidence": "not explained"]]], name: "grades"),
            WireFormats.anthropicToolUse(["skills": ["kafka-events"]], name: "skills"),
            WireFormats.anthropicToolUse(["skills": [String]()], name: "skills"),
        ].map { LLMTestServer.Reply(body: $0) }
        try await LLMTestServer.with(script) { url, server in
            let configuration = try #require(try ModelConfiguration.resolve(
                provider: .anthropic, model: "claude-test", baseURL: url.absoluteString, environment: ["ANTHROPIC_API_KEY": "sk-ant-test"]))
            let benchmark = try await EvalRunner(client: ModelClient(configuration: configuration), skillDirectory: skill, runs: 1).run(Self.suite)
            try check(benchmark, server)
            #expect(server.received.allSatisfy { $0.path == "/v1/messages" && $0.headers["x-api-key"] == "sk-ant-test" })
        }
    }
}

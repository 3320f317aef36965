import Foundation
import Review
import Testing

@Suite("Lesson reflection writes a patch and never applies it")
struct LessonReflectorTests {
    private func repository() throws -> TemporaryDirectory {
        let repository = try TemporaryDirectory()
        try repository.copy(Fixtures.lessons(), to: "lessons")
        try repository.write("# Producers\n\nWhy producer-idempotence matters.\n", to: "skills/kafka-events/references/reliable-producers.md")
        try repository.write("# Unrelated\n\nNothing about this lesson.\n", to: "skills/kafka-events/references/strimzi.md")
        return repository
    }

    private func reflector(_ repository: TemporaryDirectory, model: ModelConfiguration?) -> LessonReflector {
        LessonReflector(
            baseDirectory: repository.url,
            lessonsDirectory: repository.url.appendingPathComponent("lessons"),
            skillDirectory: repository.url.appendingPathComponent("skills/kafka-events"),
            outputDirectory: repository.url.appendingPathComponent("review-out"),
            model: model
        )
    }

    private static var edits: [[String: Any]] { [
        ["find": "  - Configure a producer that neither loses nor duplicates records.\n",
         "replace": "  - Configure a producer that neither loses nor duplicates records.\n  - Explain when acks=all is not enough.\n",
         "reason": "The skill never says what acks=all cannot prevent."],
        ["find": "text that is not in the spec", "replace": "x", "reason": "not found"],
        ["find": "    severity: error\n", "replace": "    severity: warning\n", "reason": "ambiguous: occurs twice"],
        ["find": "title: Reliable producers", "replace": "title: [unclosed", "reason": "breaks the YAML"],
        ["find": "    severity: info\n", "replace": "    severity: warning\n", "reason": "Batching matters more than a hint."],
    ] }

    @Test("valid edits become a patch that git apply accepts; bad ones are dropped and counted", arguments: [ProviderKind.anthropic, .openai])
    func reflect(provider: ProviderKind) async throws {
        let repository = try repository()
        let lesson = repository.url.appendingPathComponent("lessons/01-producer.yaml")
        let original = try String(contentsOf: lesson, encoding: .utf8)
        let answer: [String: Any] = ["summary": "Mostly complete; acks limits are missing.", "edits": Self.edits]
        let reply = switch provider {
        case .anthropic: LLMTestServer.Reply(body: WireFormats.anthropicToolUse(answer, name: "suggest_lesson_edits"))
        case .openai: LLMTestServer.Reply(body: WireFormats.openAIChat(content: WireFormats.json(answer)))
        }
        let (result, received) = try await LLMTestServer.with([reply]) { url, server in
            let model = ModelConfiguration(
                provider: provider, model: "model-test", baseURL: provider == .anthropic ? url : url.appendingPathComponent("v1"),
                apiKey: APIKey(ModelClientTests.secret), retry: SleepRecorder().policy(), cacheDirectory: nil)
            return (try await reflector(repository, model: model).reflect(lesson: 1), server.received)
        }
        #expect(result.lessonFile == "lessons/01-producer.yaml")
        #expect(result.summary == "Mostly complete; acks limits are missing.")
        #expect(result.reasons == ["The skill never says what acks=all cannot prevent.", "Batching matters more than a hint."])
        #expect(result.droppedEdits == 3)
        let patch = try #require(result.patchFile)
        #expect(patch.path == repository.url.appendingPathComponent("review-out/lesson-01.patch").path)
        #expect(try String(contentsOf: lesson, encoding: .utf8) == original, "the patch must not be applied")

        try GitApply.apply(patch, in: repository.url)
        let expected = original
            .replacingOccurrences(of: "  - Configure a producer that neither loses nor duplicates records.\n",
                                  with: "  - Configure a producer that neither loses nor duplicates records.\n  - Explain when acks=all is not enough.\n")
            .replacingOccurrences(of: "    severity: info\n", with: "    severity: warning\n")
        #expect(try String(contentsOf: lesson, encoding: .utf8) == expected)

        let request = try #require(received.first)
        let text = String(decoding: request.body, as: UTF8.self)
        #expect(text.contains("OBJECTIVES:\\n- Configure a producer that neither loses nor duplicates records."))
        #expect(text.contains("REFLECTION QUESTIONS:\\n- Which setting keeps a retried batch from being written twice?"))
        #expect(text.contains("### references/reliable-producers.md"))
        #expect(!text.contains("strimzi"))
    }

    @Test("no suggested edits means no patch")
    func nothingToChange() async throws {
        let repository = try repository()
        let reply = LLMTestServer.Reply(body: WireFormats.anthropicToolUse(["summary": "Complete.", "edits": []], name: "suggest_lesson_edits"))
        let result = try await LLMTestServer.with([reply]) { url, _ in
            let model = ModelConfiguration(provider: .anthropic, model: "m", baseURL: url, apiKey: APIKey("k"), retry: SleepRecorder().policy(), cacheDirectory: nil)
            return try await reflector(repository, model: model).reflect(lesson: 1)
        }
        #expect(result.patchFile == nil)
        #expect(!FileManager.default.fileExists(atPath: repository.url.appendingPathComponent("review-out").path))
    }

    @Test("without a model it says what to configure")
    func withoutModel() async throws {
        let repository = try repository()
        let error = await #expect(throws: ReviewError.self) { try await reflector(repository, model: nil).reflect(lesson: 1) }
        #expect(error?.description.contains("ANTHROPIC_API_KEY") == true)
        #expect(error?.description.contains("OPENAI_API_KEY") == true)
    }

    @Test("an unknown lesson number is an error naming the folder")
    func unknownLesson() async throws {
        let repository = try repository()
        let model = ModelConfiguration(provider: .anthropic, model: "m", baseURL: URL(fileURLWithPath: "/"), apiKey: APIKey("k"), cacheDirectory: nil)
        let error = await #expect(throws: ReviewError.self) { try await reflector(repository, model: model).reflect(lesson: 9) }
        #expect(error?.description.contains("no lesson file 09-*.yaml") == true)
    }
}

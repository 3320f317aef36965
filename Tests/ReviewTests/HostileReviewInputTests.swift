import Foundation
import KafkaSkillModel
import Review
import Testing

/// Inputs that once made `review` loop, abort, slow to a crawl, or print a key.
@Suite("Review: hostile input")
struct HostileReviewInputTests {
    @Test("symbolic link loops are walked once, links out of the root are skipped, non-UTF-8 files are skipped with a note")
    func collectorStaysInsideItsRoots() throws {
        let folder = try TemporaryDirectory()
        for index in 0..<15 { try folder.write("let x\(index) = 1\n", to: "code/File\(index).swift") }
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: folder.url.path + "/code/loop", withDestinationPath: folder.url.path + "/code")
        try manager.createSymbolicLink(atPath: folder.url.path + "/code/system", withDestinationPath: "/usr")
        try manager.createSymbolicLink(atPath: folder.url.path + "/code/Alias.swift", withDestinationPath: folder.url.path + "/code/File0.swift")
        try Data([0x6C, 0x65, 0x74, 0x20, 0x63, 0x61, 0x66, 0xE9, 0x20, 0x3D, 0x20, 0x31, 0x0A]).write(to: folder.url.appendingPathComponent("code/Latin1.swift"))
        let big = folder.url.appendingPathComponent("code/Huge.swift")
        #expect(manager.createFile(atPath: big.path, contents: nil))
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: UInt64(ReviewSourceCollector.maximumFileSize + 1))
        try handle.close()

        var skipped: [String] = []
        let sources = try ReviewSourceCollector(baseDirectory: folder.url).collect(["code"], skipped: &skipped)
        #expect(sources.count == 15, "\(sources.map(\.path))")
        #expect(skipped.contains { $0.contains("Latin1.swift") && $0.contains("not UTF-8") }, "\(skipped)")
        #expect(skipped.contains { $0.contains("system") && $0.contains("outside") }, "\(skipped)")
        #expect(skipped.contains { $0.contains("Huge.swift") && $0.contains("limit") }, "\(skipped)")
    }

    @Test("findings in a long file carry the right line numbers")
    func lineNumbers() throws {
        let folder = try TemporaryDirectory()
        var lines: [String] = []
        var expected: [Int] = []
        for index in 1...3_000 {
            if index % 7 == 0 {
                lines.append("let v\(index) = try! make()")
                expected.append(index)
            } else {
                lines.append("let v\(index) = \"é\(index)\" // ünïcode keeps UTF-16 offsets honest")
            }
        }
        try folder.write(lines.joined(separator: "\n") + "\n", to: "Long.swift")
        let rules = try ReviewRuleLoader().loadRules(fromDirectory: Fixtures.lessons())
        let sources = try ReviewSourceCollector(baseDirectory: folder.url).collect(["Long.swift"])
        let found = StaticReviewer(rules: rules).review(sources).filter { $0.ruleID == "no-force-try" }.map(\.line)
        #expect(found == expected)
    }

    @Test("the key and any Bearer or x-api-key value a server echoes are redacted from errors")
    func echoedKeyIsRedacted() async throws {
        let echo = "{\"error\": {\"message\": \"bad request; you sent Authorization: Bearer \(ModelClientTests.secret) and "
            + "x-api-key: \(ModelClientTests.secret) and {\\\"x-api-key\\\": \\\"other-secret-99\\\"}\", \"type\": \"invalid_request_error\"}}"
        let error: ReviewError? = try await LLMTestServer.with([LLMTestServer.Reply(status: 400, body: echo)]) { url, _ in
            let configuration = ModelConfiguration(
                provider: .openai, model: "m", baseURL: url.appendingPathComponent("v1"),
                apiKey: APIKey(ModelClientTests.secret), retry: SleepRecorder().policy(maxRetries: 0), cacheDirectory: nil)
            let prompt = ModelPrompt(system: "s", user: "u", schemaName: "n", schemaDescription: "d", schema: .object([:]))
            return await #expect(throws: ReviewError.self) { try await ModelClient(configuration: configuration).complete(prompt) }
        }
        let text = String(describing: error)
        #expect(!text.contains(ModelClientTests.secret), "\(text)")
        #expect(!text.contains("other-secret-99"), "\(text)")
        #expect(text.contains("<redacted>"), "\(text)")
    }

    @Test("the redactor removes keys and credential values, and leaves other text alone")
    func redactor() {
        let redactor = SecretRedactor(secrets: ["sk-abc123", ""])
        #expect(redactor.redact("key sk-abc123 here") == "key <redacted> here")
        #expect(redactor.redact("Authorization: Bearer tok.en-1") == "Authorization: Bearer <redacted>")
        #expect(redactor.redact("{\"X-Api-Key\":\"v\"}") == "{\"X-Api-Key\":\"<redacted>\"}")
        #expect(redactor.redact("x-api-key=abc; next") == "x-api-key=<redacted>; next")
        #expect(redactor.redact("plain text, no secrets") == "plain text, no secrets")
        #expect(redactor.redact(redactor.redact("Bearer abc")) == "Bearer <redacted>")
    }
}

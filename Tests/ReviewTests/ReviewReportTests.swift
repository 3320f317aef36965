import Foundation
import Review
import Testing
import KafkaSkillModel

@Suite("Report formats")
struct ReviewReportTests {
    private let rule = ReviewRule(
        id: "producer-idempotence", rule: "Enable idempotence.", why: "Retries duplicate otherwise.",
        severity: .error, location: SourceLocation(file: "lessons/01.yaml", line: 9, column: 5))

    private func report() -> ReviewReport {
        var usage = TokenUsage()
        usage.inputTokens = 1200
        usage.outputTokens = 80
        usage.httpRequests = 2
        var dropped = DroppedFindings()
        dropped.lineOutOfRange = 1
        return ReviewReport(
            findings: [
                Finding(ruleID: "producer-idempotence", severity: .error, file: "Sources/My App/Producer.swift", line: 7,
                        message: "Idempotence is off | really.", suggestedFix: "Set \"enable.idempotence\": \"true\".", source: .static),
                Finding(ruleID: "model-review", severity: .info, file: "Sources/My App/Consumer.swift", line: 3,
                        message: "Log the partition.", source: .model),
            ],
            rules: [rule],
            filesReviewed: 2,
            modelReview: ModelReviewSummary(provider: .anthropic, model: "m-1", chunks: 1, usage: usage, dropped: dropped),
            notes: ["a note"]
        )
    }

    private func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("text: one compiler-style line per finding, then counts, model usage and notes")
    func text() {
        let lines = report().rendered(as: .text).split(separator: "\n").map(String.init)
        #expect(lines[0] == "Sources/My App/Producer.swift:7: error [producer-idempotence] Idempotence is off | really.")
        #expect(lines[1] == "    fix: Set \"enable.idempotence\": \"true\".")
        #expect(lines[2] == "Sources/My App/Consumer.swift:3: info [model-review] (model) Log the partition.")
        #expect(lines[3] == "2 findings (1 error, 0 warnings, 1 info) in 2 files.")
        #expect(lines[4].hasPrefix("Model review: anthropic m-1, 1 chunk; 2 HTTP requests, 0 from the response cache, 1200 input tokens, 80 output tokens"))
        #expect(lines[4].hasSuffix("dropped findings: 1 (1 line out of range)."))
        #expect(lines[5] == "note: a note")
    }

    @Test("json: findings, summary, model usage and notes")
    func json() throws {
        let document = try object(report().rendered(as: .json))
        let findings = try #require(document["findings"] as? [[String: Any]])
        #expect(findings.count == 2)
        #expect(findings[0]["ruleId"] as? String == "producer-idempotence")
        #expect(findings[0]["line"] as? Int == 7)
        #expect(findings[1]["source"] as? String == "model")
        let summary = try #require(document["summary"] as? [String: Any])
        #expect(summary["errors"] as? Int == 1)
        #expect(summary["info"] as? Int == 1)
        let model = try #require(document["model"] as? [String: Any])
        #expect((model["usage"] as? [String: Any])?["inputTokens"] as? Int == 1200)
        #expect((model["dropped"] as? [String: Any])?["lineOutOfRange"] as? Int == 1)
    }

    @Test("sarif: 2.1.0 with driver rules and located results")
    func sarif() throws {
        let log = try object(report().rendered(as: .sarif))
        #expect(log["version"] as? String == "2.1.0")
        #expect(log["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["producer-idempotence", "model-review"])
        #expect((rules[0]["defaultConfiguration"] as? [String: Any])?["level"] as? String == "error")
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["level"] as? String } == ["error", "note"])
        #expect(results.map { $0["ruleIndex"] as? Int } == [0, 1])
        #expect((results[0]["message"] as? [String: Any])?["text"] as? String == "Idempotence is off | really.")
        let location = try #require((results[0]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "Sources/My%20App/Producer.swift")
        #expect((location["region"] as? [String: Any])?["startLine"] as? Int == 7)
    }

    @Test("markdown: a table with escaped cells")
    func markdown() {
        let text = report().rendered(as: .markdown)
        #expect(text.hasPrefix("## kafka-skill review\n\n**2 findings** (1 error, 0 warnings, 1 info) in 2 files.\n"))
        #expect(text.contains("| error | `producer-idempotence` | `Sources/My App/Producer.swift:7` | Idempotence is off \\| really. | Set \"enable.idempotence\": \"true\". | static |"))
        #expect(text.contains("> a note"))
    }

    @Test("fail-on compares by severity")
    func failOn() {
        let report = report()
        #expect(report.hasFindings(atOrAbove: .error))
        let onlyInfo = ReviewReport(findings: report.findings.filter { $0.severity == .info }, rules: [], filesReviewed: 1)
        #expect(!onlyInfo.hasFindings(atOrAbove: .warning))
        #expect(onlyInfo.hasFindings(atOrAbove: .info))
    }
}

public import Foundation

/// Runs a skill's evals against a model: every task with and without the skill, every expectation
/// graded (deterministically where it has a check, by a grading model otherwise), and the trigger set
/// against the skill's description.
///
/// It uses ``ModelClient`` for every request, so retries, timeouts, key handling and redaction are the
/// same as `review`'s. Responses are never cached: each run is a fresh sample.
public struct EvalRunner: Sendable {
    /// The model that answers the tasks and grades the expectations.
    public var client: ModelClient
    /// The skill folder (`SKILL.md`, `references/`).
    public var skillDirectory: URL
    /// How many times each task and query runs.
    public var runs: Int

    /// Creates a runner.
    public init(client: ModelClient, skillDirectory: URL, runs: Int) {
        self.client = client
        self.skillDirectory = skillDirectory
        self.runs = runs
    }

    /// Runs the suite.
    /// - Parameter progress: Called with one line per finished request group.
    /// - Returns: The benchmark.
    /// - Throws: ``ReviewError`` when the skill cannot be read or a request fails beyond its retries.
    public func run(_ suite: EvalSuite, progress: @Sendable (String) -> Void = { _ in }) async throws -> Benchmark {
        let skill = try SkillText.load(from: skillDirectory, tokenBudget: client.configuration.tokenBudget / 2)
        var tasks: [Benchmark.TaskResult] = []
        for task in suite.tasks {
            var with = Benchmark.Arm()
            var without = Benchmark.Arm()
            for run in 1...runs {
                with.add(try await attempt(task, skill: skill.body))
                without.add(try await attempt(task, skill: nil))
                progress("task \(task.id) run \(run): with skill \(percent(with.passRates.last)), without \(percent(without.passRates.last))")
            }
            tasks.append(Benchmark.TaskResult(id: task.id, prompt: task.prompt, withSkill: with, withoutSkill: without))
        }
        var trigger = Benchmark.Trigger()
        for query in suite.triggers {
            for _ in 1...runs {
                let loaded = try await triggers(query.query, description: skill.description, name: skill.name)
                trigger.record(expected: query.shouldTrigger, loaded: loaded)
            }
        }
        if !suite.triggers.isEmpty { progress("trigger set: precision \(percent(trigger.precision)), recall \(percent(trigger.recall))") }
        return Benchmark(
            provider: client.configuration.provider.rawValue, model: client.configuration.model, runs: runs,
            tasks: tasks, trigger: suite.triggers.isEmpty ? nil : trigger)
    }

    private func percent(_ value: Double?) -> String {
        value.map { String(format: "%.0f%%", $0 * 100) } ?? "-"
    }

    /// One answer to a task and its grades.
    private func attempt(_ task: EvalTask, skill: String?) async throws -> Benchmark.Attempt {
        let clock = ContinuousClock()
        let start = clock.now
        var system = "You are a senior engineer writing Swift services that use Kafka through this project's `Kafka` module (librdkafka 2.0.2). Answer the user's request completely, with code and the client properties you set."
        if let skill { system += "\n\nUse this skill:\n\n" + skill }
        let answer = try await client.complete(ModelPrompt(
            system: system, user: task.prompt, schemaName: "answer",
            schemaDescription: "The complete answer to the request.", schema: EvalSchemas.answer))
        var usage = answer.usage
        let text = answer.json["answer"]?.stringValue ?? ""
        var grades: [Benchmark.Grade] = []
        var needModel: [(index: Int, text: String)] = []
        for (index, expectation) in task.expectations.enumerated() {
            if let check = expectation.check {
                let result = check.grade(text)
                grades.append(Benchmark.Grade(text: expectation.text, passed: result.passed, evidence: result.evidence, gradedBy: "check"))
            } else {
                grades.append(Benchmark.Grade(text: expectation.text, passed: false, evidence: "", gradedBy: "model"))
                needModel.append((index, expectation.text))
            }
        }
        if !needModel.isEmpty {
            let list = needModel.map { "\($0.index): \($0.text)" }.joined(separator: "\n")
            let graded = try await client.complete(ModelPrompt(
                system: "You grade answers strictly. An expectation passes only when the answer clearly meets it; quote the evidence.",
                user: "Request:\n\(task.prompt)\n\nA good answer: \(task.expectedOutput)\n\nAnswer to grade:\n\(text)\n\nExpectations (index: text):\n\(list)",
                schemaName: "grades", schemaDescription: "One grade per expectation index.", schema: EvalSchemas.grades))
            usage += graded.usage
            for item in graded.json["expectations"]?.arrayValue ?? [] {
                guard let index = item["index"]?.intValue, needModel.contains(where: { $0.index == index }) else { continue }
                if case .bool(let passed)? = item["passed"] { grades[index].passed = passed }
                grades[index].evidence = item["evidence"]?.stringValue ?? ""
            }
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Benchmark.Attempt(grades: grades, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, seconds: seconds)
    }

    /// Whether the model, shown the skill among others, chooses to load it for a query.
    private func triggers(_ query: String, description: String, name: String) async throws -> Bool {
        let skills = [(name, description)] + EvalSchemas.decoySkills
        let list = skills.map { "- \($0.0): \($0.1)" }.joined(separator: "\n")
        let answer = try await client.complete(ModelPrompt(
            system: "You are an assistant with these skills available. Load a skill only when the user's request needs it.\n\n\(list)",
            user: query, schemaName: "skills", schemaDescription: "The names of the skills to load for this request, possibly none.",
            schema: EvalSchemas.skills))
        return (answer.json["skills"]?.arrayValue ?? []).contains { $0.stringValue == name }
    }
}

/// The skill as the runner shows it to the model.
struct SkillText {
    let name: String
    let description: String
    let body: String

    /// `SKILL.md` whole, then references in name order while they fit in `tokenBudget` (characters / 4).
    static func load(from directory: URL, tokenBudget: Int) throws -> SkillText {
        let skillFile = directory.appendingPathComponent("SKILL.md")
        guard let data = FileManager.default.contents(atPath: skillFile.path) else {
            throw ReviewError.unreadable(path: skillFile.path, reason: "the skill has no SKILL.md")
        }
        let skill = String(decoding: data, as: UTF8.self)
        var name = directory.lastPathComponent
        var description = ""
        for line in skill.split(separator: "\n").prefix(20) {
            if line.hasPrefix("name: ") { name = String(line.dropFirst(6)).trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) }
            if line.hasPrefix("description: ") { description = String(line.dropFirst(13)).trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) }
        }
        var body = skill
        let references = directory.appendingPathComponent("references")
        for file in ((try? FileManager.default.contentsOfDirectory(atPath: references.path)) ?? []).sorted() where file.hasSuffix(".md") {
            guard let text = try? String(contentsOf: references.appendingPathComponent(file), encoding: .utf8) else { continue }
            if (body.count + text.count) / 4 > tokenBudget { continue }
            body += "\n\n<!-- references/\(file) -->\n" + text
        }
        return SkillText(name: name, description: description, body: body)
    }
}

/// The answer schemas of the eval requests.
enum EvalSchemas {
    static func object(_ properties: [String: JSONValue]) -> JSONValue {
        .object([
            "type": .string("object"), "properties": .object(properties),
            "required": .array(properties.keys.sorted().map(JSONValue.string)), "additionalProperties": .bool(false),
        ])
    }

    static let answer = object(["answer": .object(["type": .string("string")])])

    static let grades = object(["expectations": .object([
        "type": .string("array"),
        "items": object([
            "index": .object(["type": .string("integer")]),
            "passed": .object(["type": .string("boolean")]),
            "evidence": .object(["type": .string("string")]),
        ]),
    ])])

    static let skills = object(["skills": .object(["type": .string("array"), "items": .object(["type": .string("string")])])])

    /// Near neighbours the skill competes with in the trigger set.
    static let decoySkills: [(String, String)] = [
        ("rabbitmq-messaging", "Builds RabbitMQ, AMQP, SQS and NATS producers and consumers, exchanges, queues and routing keys."),
        ("swift-server", "Builds Swift HTTP services with Hummingbird or Vapor: routing, middleware, OpenAPI and deployment."),
        ("postgres-data", "Designs PostgreSQL schemas, migrations, queries and indexes, and tunes database performance."),
    ]
}

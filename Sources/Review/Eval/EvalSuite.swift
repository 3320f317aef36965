public import Foundation

/// The evals of a skill: output tasks (`evals/evals.json`) and the trigger set (`evals/trigger-evals.json`),
/// in the shapes Anthropic's skill-creator uses.
public struct EvalSuite: Sendable, Equatable {
    /// The output tasks.
    public var tasks: [EvalTask]
    /// The queries that should, or should not, make an assistant load the skill.
    public var triggers: [TriggerQuery]

    /// Creates a suite.
    public init(tasks: [EvalTask], triggers: [TriggerQuery]) {
        self.tasks = tasks
        self.triggers = triggers
    }

    /// Reads `evals.json` and, when present, `trigger-evals.json` from a folder.
    /// - Throws: ``ReviewError/invalidEval(path:problem:)`` when a file does not parse.
    public static func load(from directory: URL) throws -> EvalSuite {
        let tasksFile = directory.appendingPathComponent("evals.json")
        let tasks = try decode(TasksFile.self, from: tasksFile).evals
        let triggersFile = directory.appendingPathComponent("trigger-evals.json")
        let triggers = FileManager.default.fileExists(atPath: triggersFile.path) ? try decode([TriggerQuery].self, from: triggersFile) : []
        return EvalSuite(tasks: tasks, triggers: triggers)
    }

    private struct TasksFile: Decodable {
        var evals: [EvalTask]
    }

    private static func decode<T: Decodable>(_ type: T.Type, from file: URL) throws -> T {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw ReviewError.invalidEval(path: file.path, problem: "the file is missing or unreadable")
        }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw ReviewError.invalidEval(path: file.path, problem: "\(error)")
        }
    }
}

/// One output task: a prompt and what a good answer does.
public struct EvalTask: Sendable, Equatable, Decodable {
    /// The task's id.
    public var id: Int
    /// What the user asks.
    public var prompt: String
    /// A description of a good answer, shown to the grading model.
    public var expectedOutput: String
    /// What the answer must do; each is graded on its own.
    public var expectations: [Expectation]

    enum CodingKeys: String, CodingKey {
        case id, prompt, expectations
        case expectedOutput = "expected_output"
    }

    /// Creates a task.
    public init(id: Int, prompt: String, expectedOutput: String, expectations: [Expectation]) {
        self.id = id
        self.prompt = prompt
        self.expectedOutput = expectedOutput
        self.expectations = expectations
    }
}

/// One expectation: a sentence, and a deterministic check when the sentence allows one.
///
/// In `evals.json` it is either a string (graded by the grading model) or
/// `{"text": "...", "check": {...}}` with one of `property` (+ optional `value`), `call`, `absent` or
/// `contains` (graded on the answer's text, no model needed).
public struct Expectation: Sendable, Equatable, Decodable {
    /// The expectation as a sentence.
    public var text: String
    /// The deterministic check, if the expectation has one.
    public var check: ExpectationCheck?

    /// Creates an expectation.
    public init(text: String, check: ExpectationCheck? = nil) {
        self.text = text
        self.check = check
    }

    enum CodingKeys: String, CodingKey { case text, check }

    /// Decodes a string or an object.
    public init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self.init(text: text)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(text: try container.decode(String.self, forKey: .text), check: try container.decodeIfPresent(ExpectationCheck.self, forKey: .check))
    }
}

/// A trigger query: a user message and whether the skill should be loaded for it.
public struct TriggerQuery: Sendable, Equatable, Decodable {
    /// The user's message.
    public var query: String
    /// Whether an assistant should load the skill.
    public var shouldTrigger: Bool

    enum CodingKeys: String, CodingKey {
        case query
        case shouldTrigger = "should_trigger"
    }

    /// Creates a query.
    public init(query: String, shouldTrigger: Bool) {
        self.query = query
        self.shouldTrigger = shouldTrigger
    }
}

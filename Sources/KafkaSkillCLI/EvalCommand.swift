import ArgumentParser
import Foundation
import Review

extension KafkaSkill {
    /// `kafka-skill eval`: measure whether the skill makes a model better at the tasks in evals/.
    struct Eval: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the skill's evals against a model, with and without the skill.",
            discussion: """
                Every task in evals/evals.json is answered --runs times with the skill (SKILL.md and as many \
                references as fit half the token budget) in the system prompt and as often without it. Each \
                expectation with a check (property, call, absent, contains) is graded on the answer's text; the \
                others by the same model as a grader. Every query of evals/trigger-evals.json is shown to the \
                model beside the skill's description and three decoy skills, --runs times, for precision and \
                recall of loading. benchmark.json and benchmark.md are written to --out (see evals/README.md).
                Provider, model, base URL, keys, retries and timeouts work as in `review`; answers are never cached.
                Exit status: 0 when the run completed, 2 on error.
                """
        )

        @Option(help: "The model provider: anthropic or openai (also llama.cpp, Ollama, vLLM). Default: from the keys set.",
                transform: { text in
                    guard let kind = ProviderKind(rawValue: text.lowercased()) else {
                        throw ValidationError("'\(text)' is not one of anthropic, openai.")
                    }
                    return kind
                })
        var provider: ProviderKind?

        @Option(help: "The model to ask. Default: the provider's default, as in review.")
        var model: String?

        @Option(help: ArgumentHelp("The API's base URL, for example http://127.0.0.1:8080/v1 for a local server.", valueName: "URL"))
        var baseURL: String?

        @Option(help: "How many times each task and trigger query runs.")
        var runs = 3

        @Option(help: ArgumentHelp("The folder benchmark.json and benchmark.md are written to.", valueName: "dir"))
        var out = ".build-eval"

        @Option(help: ArgumentHelp("The folder holding evals.json and trigger-evals.json.", valueName: "dir"))
        var evals = "evals"

        @Option(help: ArgumentHelp("The skill folder.", valueName: "dir"))
        var skill = "skills/kafka-events"

        @Option(help: ArgumentHelp("How long one model request may take, in seconds.", valueName: "seconds"))
        var timeout: Double = 120

        func validate() throws {
            guard (1...100).contains(runs) else { throw ValidationError("--runs \(runs): give a number from 1 to 100.") }
            guard timeout > 0, timeout <= 3600 else { throw ValidationError("--timeout \(timeout): give seconds from 1 to 3600.") }
        }

        func run() async throws {
            do {
                guard var configuration = try ModelConfiguration.resolve(
                    provider: provider, model: model, baseURL: baseURL, environment: ProcessInfo.processInfo.environment)
                else {
                    throw ValidationError("No model to ask: set ANTHROPIC_API_KEY or OPENAI_API_KEY, or pass --base-url for a local OpenAI-compatible server.")
                }
                configuration.requestTimeout = .milliseconds(Int(timeout * 1000))
                configuration.cacheDirectory = nil
                let suite = try EvalSuite.load(from: URL(fileURLWithPath: evals))
                let runner = EvalRunner(client: ModelClient(configuration: configuration), skillDirectory: URL(fileURLWithPath: skill), runs: runs)
                let benchmark = try await runner.run(suite) { line in print(line) }
                let folder = URL(fileURLWithPath: out)
                try benchmark.write(to: folder)
                print(benchmark.markdown())
                print("Wrote \(folder.appendingPathComponent("benchmark.json").path) and benchmark.md.")
            } catch let error as ReviewError {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitCode(2)
            }
        }
    }
}

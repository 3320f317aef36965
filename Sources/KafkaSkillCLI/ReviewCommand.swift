import ArgumentParser
import Foundation
import Review

extension KafkaSkill {
    /// `kafka-skill review`: static and model review of code against the lesson rules, and
    /// reflection on a lesson's part of the skill.
    struct Review: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Review code against the lesson rules, or reflect on a lesson's part of the skill.",
            discussion: """
                The static review runs offline on every run: the lesson rules that declare a check are applied to \
                Swift sources and to YAML, JSON and .properties configuration. A model review is added when \
                ANTHROPIC_API_KEY or OPENAI_API_KEY is set, or when --base-url names an OpenAI-compatible server. \
                Keys are read only from the environment. Answers are cached in --cache-dir, so an unchanged re-run \
                sends no request.

                With --lesson N the model reviews lessons/NN-*.yaml's part of the skill against the lesson's \
                objectives and reflection questions and writes suggested spec changes to --output-dir as a patch; \
                the patch is never applied.

                Exit status: 0 when no finding reaches --fail-on, 1 when one does, 2 on error.
                """
        )

        @Argument(help: "Files or folders to review.")
        var paths: [String] = []

        @Option(help: ArgumentHelp("The number of a lesson to reflect on.", valueName: "N"))
        var lesson: Int?

        @Option(help: "The model provider: anthropic or openai (also llama.cpp, Ollama, vLLM). Default: from the keys set.",
                transform: { try parse($0, as: ProviderKind.self) })
        var provider: ProviderKind?

        @Option(help: "The model to ask. Default: claude-sonnet-4-5 (anthropic), gpt-4o-mini (openai).")
        var model: String?

        @Option(help: ArgumentHelp("The API's base URL, for example http://127.0.0.1:8080/v1 for a local server.", valueName: "URL"))
        var baseURL: String?

        @Option(help: "The report format: text, json, sarif or markdown. Default: text.", transform: { try parse($0, as: ReportFormat.self) })
        var format: ReportFormat = .text

        @Option(help: ArgumentHelp("The lowest severity that makes the command exit with 1: info, warning or error. Default: error.", valueName: "severity"),
                transform: { try parse($0, as: Severity.self) })
        var failOn: Severity = .error

        @Option(help: ArgumentHelp("The folder of lesson specs whose rules are checked. Default: lessons.", valueName: "dir"))
        var lessons: String?

        @Option(help: ArgumentHelp("The skill folder whose references the model reads.", valueName: "dir"))
        var skill = "skills/kafka-events"

        @Option(help: ArgumentHelp("The folder lesson patches are written to.", valueName: "dir"))
        var outputDir = "review-out"

        @Option(help: ArgumentHelp("The folder model answers are cached in.", valueName: "dir"))
        var cacheDir = ".kafka-skill/review-cache"

        @Flag(inversion: .prefixedNo, help: "Use the response cache.")
        var cache = true

        @Option(help: ArgumentHelp("The most input tokens one model request may carry (estimated at four characters a token).", valueName: "tokens"))
        var tokenBudget = 60_000

        @Option(help: ArgumentHelp("The most output tokens one model answer may use.", valueName: "tokens"))
        var maxOutputTokens = 8192

        @Option(help: ArgumentHelp("How long one model request may take, in seconds.", valueName: "seconds"))
        var timeout = 120.0

        func run() async throws {
            do {
                try await review()
            } catch let error as ReviewError {
                printError("error: \(error)")
                throw ExitCode(2)
            } catch let error as UsageError {
                printError("error: \(error)")
                throw ExitCode(2)
            }
        }

        private func review() async throws {
            guard !paths.isEmpty || lesson != nil else { throw UsageError.nothingToReview }
            for (name, value) in [("--token-budget", Double(tokenBudget)), ("--max-output-tokens", Double(maxOutputTokens)), ("--timeout", timeout)]
            where !(value > 0) {
                throw UsageError.notPositive(option: name)
            }
            let base = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let modelConfiguration = try ModelConfiguration.resolve(
                provider: provider, model: model, baseURL: baseURL, environment: ProcessInfo.processInfo.environment
            ).map { resolved in
                var configured = resolved
                configured.tokenBudget = tokenBudget
                configured.maxOutputTokens = maxOutputTokens
                configured.requestTimeout = .milliseconds(Int(timeout * 1000))
                configured.cacheDirectory = cache ? URL(fileURLWithPath: cacheDir, relativeTo: base) : nil
                return configured
            }
            let lessonsDirectory = URL(fileURLWithPath: lessons ?? "lessons", relativeTo: base)
            let skillDirectory = URL(fileURLWithPath: skill, relativeTo: base)
            if let lesson {
                let reflector = LessonReflector(
                    baseDirectory: base, lessonsDirectory: lessonsDirectory, skillDirectory: skillDirectory,
                    outputDirectory: URL(fileURLWithPath: outputDir, relativeTo: base), model: modelConfiguration)
                print(redactor.redact(describe(try await reflector.reflect(lesson: lesson))))
            }
            guard !paths.isEmpty else { return }
            let reviewer = Reviewer(
                baseDirectory: base, lessonsDirectory: lessonsDirectory, requiresLessons: lessons != nil,
                skillDirectory: skillDirectory, model: modelConfiguration)
            let report = try await reviewer.review(paths: paths)
            print(redactor.redact(report.rendered(as: format)), terminator: "")
            if format == .sarif {
                for note in report.notes { printError("note: \(redactor.redact(note))") }
                if let usage = report.modelReview?.usage { printError("model usage: \(usage.summary)") }
            }
            if report.hasFindings(atOrAbove: failOn) {
                throw ExitCode(1)
            }
        }

        /// Command-line mistakes; like every error they exit with 2, as the command's contract says.
        private enum UsageError: Error, CustomStringConvertible {
            case nothingToReview
            case notPositive(option: String)

            var description: String {
                switch self {
                case .nothingToReview: "nothing to review: pass files or folders, or --lesson N."
                case .notPositive(let option): "\(option) must be greater than zero."
                }
            }
        }

        private func describe(_ result: ReflectionResult) -> String {
            var lines = ["Lesson \(result.lessonFile): \(result.summary)"]
            lines += result.reasons.map { "  * \($0)" }
            if let patch = result.patchFile {
                lines.append("Suggested changes written to \(patch.relativePath); nothing was applied. Apply with: git apply \(patch.relativePath)")
            } else {
                lines.append("No changes suggested.")
            }
            if result.droppedEdits > 0 {
                lines.append("\(result.droppedEdits) suggested edit\(result.droppedEdits == 1 ? "" : "s") dropped (text not found exactly once, or invalid YAML).")
            }
            lines.append("Model usage: \(result.usage.summary).")
            return lines.joined(separator: "\n")
        }

        /// Every line this command writes passes through it, so no key reaches the terminal or a report.
        private var redactor: SecretRedactor { SecretRedactor(environment: ProcessInfo.processInfo.environment) }

        private func printError(_ message: String) {
            FileHandle.standardError.write(Data("\(redactor.redact(message))\n".utf8))
        }

        private static func parse<Value: RawRepresentable & CaseIterable>(_ text: String, as type: Value.Type) throws -> Value
        where Value.RawValue == String {
            guard let value = Value(rawValue: text.lowercased()) else {
                let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("'\(text)' is not one of \(allowed).")
            }
            return value
        }
    }
}

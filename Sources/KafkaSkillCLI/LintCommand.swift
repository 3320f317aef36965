import ArgumentParser
import Deploy
import Foundation
import Review
import SkillKit

extension KafkaSkill {
    /// `kafka-skill lint`: checks the lesson specs and the generated bundle.
    struct Lint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the lesson specs and the kafka-events skill bundle.",
            discussion: """
                Spec checks: YAML syntax, unknown or missing keys, duplicate ids, dangling or twice-defined code \
                regions, lessons that are placeholders, fields over 2000 characters, and text that names a file, \
                example, asset, command or check that does not exist. Bundle checks: everything `agentskills validate` (skills-ref) \
                checks, plus the ASCII name pattern, reserved words, angle brackets, body length, links that \
                resolve with exact case and stay one level deep, paths named in the text that are not in the \
                bundle, contents lists on long files, file sizes (a reference warns above about 10,000 tokens, \
                any file fails above 25,000), and that every YAML, JSON and .properties file under assets/ parses. \
                Strimzi resources (apiVersion kafka.strimzi.io/v1beta2 or v1) in the bundle's assets/ and in the \
                --manifests folders must validate against the CRD schema of their API version (bundled from \
                Strimzi 0.48.0 and 1.2.0; CEL rules are not checked). Properties: every client property in the \
                lesson rules' checks, the presets, specs/ and templates/ must be one librdkafka 2.0.2 knows (read \
                from librdkafka itself), with the nearest one as a hint. Exits 1 when any error is found.
                """
        )

        @Option(help: "The folder holding skill.yaml and the NN-slug.yaml lesson specs.")
        var lessons = "lessons"

        @Option(help: "The skill bundle folder to check.")
        var bundle = "skills/kafka-events"

        @Option(help: "A folder of Kubernetes manifests whose Strimzi resources to check against the CRD schemas (repeatable).")
        var manifests: [String] = []

        func run() async throws {
            let schemaProblems = StrimziValidator().problems(inFolders: ["\(bundle)/assets"] + manifests)
            var linter = SpecLinter(lessonsDirectory: URL(fileURLWithPath: lessons))
            linter.bundleDirectory = URL(fileURLWithPath: bundle)
            linter.commands = Set(KafkaSkill.configuration.subcommands.map { $0._commandName })
            let specs = linter.lint()
            let bundleFindings = BundleLinter().lint(directory: URL(fileURLWithPath: bundle))
            let projectRoot = URL(fileURLWithPath: lessons).standardizedFileURL.deletingLastPathComponent()
            let properties = try ClientPropertyLint(projectRoot: projectRoot, bundleDirectory: URL(fileURLWithPath: bundle)).lint().map {
                LintFinding(.error, SkillKit.SourceLocation(file: $0.file, line: $0.line), $0.message)
            }
            let report = LintReport(findings: specs.findings + bundleFindings + properties)
            for finding in report.findings {
                print(finding.description)
            }
            for problem in schemaProblems { print("\(problem.file):\(problem.line):\(problem.column): error: \(problem.path): \(problem.message)") }
            let lessonCount = specs.course?.lessons.count ?? 0
            print("\(lessonCount) lessons, \(report.errorCount + schemaProblems.count) error(s), \(report.warningCount) warning(s).")
            if report.hasErrors || !schemaProblems.isEmpty { throw ExitCode.failure }
        }
    }
}

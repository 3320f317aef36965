import ArgumentParser
import Foundation
import SkillKit

extension KafkaSkill {
    /// `kafka-skill lint`: checks the lesson specs and the generated bundle.
    struct Lint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the lesson specs and the kafka-events skill bundle.",
            discussion: """
                Spec checks: YAML syntax, unknown or missing keys, duplicate ids, dangling code regions, \
                lessons that are placeholders. Bundle checks: everything `agentskills validate` (skills-ref) \
                checks, plus the ASCII name pattern, reserved words, angle brackets, body length, links that \
                resolve with exact case and stay one level deep, contents lists on long files, and that every \
                YAML, JSON and .properties file under assets/ parses. Exits 1 when any error is found.
                """
        )

        @Option(help: "The folder holding skill.yaml and the NN-slug.yaml lesson specs.")
        var lessons = "lessons"

        @Option(help: "The skill bundle folder to check.")
        var bundle = "skills/kafka-events"

        func run() async throws {
            let specs = SpecLinter(lessonsDirectory: URL(fileURLWithPath: lessons)).lint()
            let bundleFindings = BundleLinter().lint(directory: URL(fileURLWithPath: bundle))
            let report = LintReport(findings: specs.findings + bundleFindings)
            for finding in report.findings {
                print(finding.description)
            }
            let lessonCount = specs.course?.lessons.count ?? 0
            print("\(lessonCount) lessons, \(report.errorCount) error(s), \(report.warningCount) warning(s).")
            if report.hasErrors { throw ExitCode.failure }
        }
    }
}

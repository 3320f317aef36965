import ArgumentParser
import Foundation
import Scaffold
import KafkaSkillModel

extension KafkaSkill {
    /// `kafka-skill scaffold`: generates a Swift Kafka service from a service spec or an AsyncAPI 3 document,
    /// or regenerates one, merging the user's edits.
    struct Scaffold: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a Swift Kafka service from a service spec or an AsyncAPI 3 document.",
            discussion: """
                The spec's role picks the template (producer-service, consumer-worker, transactional-processor) \
                unless --template names one. Run it again on the same folder to regenerate: files you did not \
                edit are replaced, edited ones are merged three ways with the new render (the base is the \
                previous render, recorded in .kafka-skill-answers.yaml and .kafka-skill/base/), and where both \
                changed the same lines conflict markers are written. A non-empty folder that holds no previous \
                scaffold is refused unless --force. Exit status: 0 done, 1 error, 2 conflicts to resolve.
                """
        )

        @Argument(help: "The service spec (YAML) or AsyncAPI 3 document (YAML or JSON).")
        var spec: String

        @Option(help: "The project folder to write.")
        var out: String

        @Flag(help: "Print the file plan without writing anything.")
        var dryRun = false

        @Flag(help: "Print unified diffs of what would change on disk, without writing anything.")
        var diff = false

        @Flag(help: "Write into a non-empty folder that holds no previous scaffold.")
        var force = false

        @Option(help: "The template to use. Default: the one that generates the spec's role.")
        var template: String?

        @Option(help: "The KafkaSkill repository holding templates/. Default: found above the current folder, else in share/kafka-skill beside an installed executable, else above this executable.")
        var repository: String?

        @Option(help: "Depend on KafkaSkill by this git URL instead of by path (with --package-version or --package-branch); recorded in the answers file.")
        var packageURL: String?

        @Option(help: "With --package-url: the lowest KafkaSkill version to accept.")
        var packageVersion: String?

        @Option(help: "With --package-url: the KafkaSkill branch to follow.")
        var packageBranch: String?

        func validate() throws {
            if packageURL == nil, packageVersion != nil || packageBranch != nil {
                throw ValidationError("--package-version and --package-branch need --package-url.")
            }
            if packageURL != nil, (packageVersion == nil) == (packageBranch == nil) {
                throw ValidationError("--package-url needs exactly one of --package-version and --package-branch.")
            }
        }

        /// The package reference the options ask for; `nil` keeps the recorded one or a path.
        var kafkaPackage: KafkaPackageReference? {
            guard let packageURL else { return nil }
            if let packageVersion { return .version(url: packageURL, version: packageVersion) }
            return packageBranch.map { .branch(url: packageURL, branch: $0) }
        }

        func run() async throws {
            let environment: ScaffoldEnvironment
            if let repository {
                environment = ScaffoldEnvironment(repositoryRoot: URL(fileURLWithPath: repository))
            } else {
                let executable = Bundle.main.executableURL?.resolvingSymlinksInPath()
                // scripts/install.sh puts the binary in PREFIX/bin and what it reads in PREFIX/share/kafka-skill.
                let installed = executable.map {
                    $0.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("share/kafka-skill", isDirectory: true)
                }
                let starts = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath)] + [installed, executable].compactMap { $0 }
                guard let found = ScaffoldEnvironment.locate(startingAt: starts) else {
                    throw ValidationError("Cannot find the KafkaSkill repository (Package.swift, templates/, Sources/Kafka/) above the current folder or in share/kafka-skill beside this executable; install with scripts/install.sh or pass --repository.")
                }
                environment = found
            }
            let scaffolder = Scaffolder(environment: environment)
            let request = ScaffoldRequest(
                specURL: URL(fileURLWithPath: spec), specDisplayPath: spec, outputDirectory: URL(fileURLWithPath: out),
                templateName: template, force: force, kafkaPackage: kafkaPackage)
            do {
                let plan = try scaffolder.plan(request)
                for diagnostic in plan.diagnostics { printError(diagnostic.description) }
                if dryRun || diff {
                    if dryRun { print(planText(plan)) }
                    if diff { print(plan.diff, terminator: "") }
                    if plan.conflictCount > 0 { throw ExitCode(2) }
                    return
                }
                let result = try scaffolder.apply(plan)
                print(planText(result.plan))
                if plan.conflictCount > 0 {
                    printError("\(plan.conflictCount) conflict(s) in \(plan.conflictedFiles.map(\.path).joined(separator: ", ")): resolve the <<<<<<< … >>>>>>> blocks, then build.")
                    throw ExitCode(2)
                }
            } catch let error as ScaffoldError {
                for problem in error.all { printError(problem.description) }
                if case .unresolvedConflicts = error { throw ExitCode(2) }
                throw ExitCode.failure
            }
        }

        /// One line per file, then a summary.
        private func planText(_ plan: ScaffoldPlan) -> String {
            let width = PlannedFile.Action.allCases.map(\.rawValue.count).max() ?? 0
            var lines = plan.files.map { file in
                let action = file.action.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)
                let conflicts = file.conflictCount > 0 ? "  (\(file.conflictCount) conflict\(file.conflictCount == 1 ? "" : "s"))" : ""
                return "\(action)  \(file.path)\(conflicts)"
            }
            var counts: [String] = []
            for action in PlannedFile.Action.allCases {
                let count = plan.files.filter { $0.action == action }.count
                if count > 0 { counts.append("\(count) \(action.rawValue)") }
            }
            let verb = dryRun || diff ? "Would scaffold" : plan.isRegeneration ? "Regenerated" : "Scaffolded"
            lines.append("\(verb) \(plan.spec.spec.name) with \(plan.templateID) \(plan.templateVersion) in \(plan.outputDirectory.path): \(counts.joined(separator: ", ")).")
            return lines.joined(separator: "\n")
        }

        private func printError(_ text: String) {
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
    }
}

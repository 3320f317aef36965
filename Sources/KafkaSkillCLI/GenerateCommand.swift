import ArgumentParser
import Foundation
import SkillKit

extension KafkaSkill {
    /// `kafka-skill generate`: renders the kafka-events skill bundle from the lesson specs.
    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render the kafka-events skill bundle from the lesson specs.",
            discussion: """
                Writes into a temporary folder beside the bundle and swaps it in, so a failure leaves the \
                previous bundle intact. Only a previous bundle (or an empty folder) is replaced: any other file or \
                folder at --out is refused unless --force is given. Code references in the specs are resolved relative to the lessons \
                folder's parent. With --check nothing is written: the command exits 1 and lists the \
                differences when the bundle on disk is not what a fresh render gives.
                """
        )

        @Option(help: "The folder holding skill.yaml and the NN-slug.yaml lesson specs.")
        var lessons = "lessons"

        @Option(help: "The bundle folder to write; its name must be the skill's name.")
        var out = "skills/kafka-events"

        @Flag(help: "Compare a fresh render with the bundle on disk instead of writing it.")
        var check = false

        @Flag(help: "Replace --out even when it is not a previous bundle (a file, or a folder of other files).")
        var force = false

        func run() async throws {
            let generator = SkillGenerator(
                lessonsDirectory: URL(fileURLWithPath: lessons),
                outputDirectory: URL(fileURLWithPath: out)
            )
            do {
                if check {
                    let diff = try generator.check()
                    print(diff.summary)
                    if !diff.isEmpty { throw ExitCode.failure }
                } else {
                    let files = try generator.generate(force: force)
                    print("Wrote \(files.count) files to \(out).")
                }
            } catch let error as SkillKitError {
                for problem in error.all {
                    FileHandle.standardError.write(Data((problem.description + "\n").utf8))
                }
                throw ExitCode.failure
            }
        }
    }
}

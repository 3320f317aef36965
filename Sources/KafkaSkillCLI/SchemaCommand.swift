import ArgumentParser
import Avro
import Foundation

extension KafkaSkill {
    /// `kafka-skill schema`: Avro schema tools.
    struct Schema: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Work with Avro schemas.",
            subcommands: [Check.self]
        )
    }
}

extension KafkaSkill.Schema {
    /// `kafka-skill schema check OLD.avsc NEW.avsc --level LEVEL`.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that a new Avro schema is compatible with earlier ones.",
            discussion: """
                Give the schema files oldest first; the last one is the new schema. Levels follow the schema \
                registry: BACKWARD (the new schema reads data written with the previous one), FORWARD (the \
                previous schema reads data written with the new one), FULL (both), their _TRANSITIVE forms \
                (against every earlier file, not only the previous one), and NONE.
                Exit status: 0 compatible, 1 incompatible (each reason is printed with its path in the reader \
                schema), 2 for an invalid schema or any other error.
                """
        )

        @Argument(help: ArgumentHelp("The schema files, oldest first; the last one is the new schema.", valueName: "schema.avsc"))
        var files: [String] = []

        @Option(help: ArgumentHelp(
            "The compatibility level, in any case: BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE or NONE.",
            valueName: "level"
        ))
        var level: String = Avro.CompatibilityLevel.backward.rawValue

        func run() async throws {
            let report = await Avro.SchemaCheck.run(files: files, level: level)
            for line in report.lines {
                if report.outcome == .invalid {
                    FileHandle.standardError.write(Data((line + "\n").utf8))
                } else {
                    print(line)
                }
            }
            if report.exitCode != 0 {
                throw ExitCode(report.exitCode)
            }
        }
    }
}

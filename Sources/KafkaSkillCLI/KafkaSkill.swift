import ArgumentParser
import KafkaSkillModel

/// The `kafka-skill` command: lists the subcommands; each lives in its own file.
@main
struct KafkaSkill: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kafka-skill",
        abstract: "Generate the kafka-events skill, scaffold Swift Kafka services, review them, and verify them against a cluster.",
        version: KafkaSkill.version,
        subcommands: [
            Generate.self, Lint.self, Scaffold.self, Review.self, Verify.self, Eval.self, Schema.self, Registry.self,
            Cluster.self, Manifests.self, Lag.self,
        ]
    )

    /// The version `kafka-skill --version` prints; raise it with each release.
    static let version = "0.1.0"
}

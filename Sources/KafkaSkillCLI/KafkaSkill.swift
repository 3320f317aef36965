import ArgumentParser

/// The `kafka-skill` command: lists the subcommands; each lives in its own file.
@main
struct KafkaSkill: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kafka-skill",
        abstract: "Generate the kafka-events skill, scaffold Swift Kafka services, review them, and verify them against a cluster.",
        subcommands: [
            Generate.self, Lint.self, Scaffold.self, Review.self, Verify.self, Eval.self, Schema.self, Registry.self,
            Cluster.self, Manifests.self, Lag.self,
        ]
    )
}

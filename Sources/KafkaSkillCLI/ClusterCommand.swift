import ArgumentParser
import Foundation
import Kafka
import Logging

extension KafkaSkill {
    /// `kafka-skill cluster …`: run and disturb an embedded Kafka cluster.
    struct Cluster: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run an embedded Kafka cluster and inject faults into it.",
            discussion: """
                The embedded cluster is librdkafka's mock cluster: real Kafka protocol on loopback TCP, \
                no admin API, no transaction markers, about 5 MiB per partition. `up` records its bootstrap \
                servers and control port in a state file that `fault`, `status` and `down` read.
                """,
            subcommands: [Up.self, Fault.self, Status.self, Down.self]
        )
    }
}

/// Where a running cluster is recorded.
struct ClusterStateOptions: ParsableArguments {
    @Option(help: "The folder that holds the running cluster's state file. Default: $KAFKA_SKILL_STATE_DIR, else ~/.kafka-skill.")
    var stateDir: String?

    var stateFile: ClusterStateFile {
        let folder = stateDir
            ?? ProcessInfo.processInfo.environment["KAFKA_SKILL_STATE_DIR"]
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".kafka-skill").path
        return ClusterStateFile(url: URL(fileURLWithPath: folder).appendingPathComponent("cluster.json"))
    }
}

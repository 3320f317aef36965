import ArgumentParser
import Foundation
import EmbeddedKafka
import Kafka

extension KafkaSkill.Cluster {
    /// `kafka-skill cluster fault …`: inject a fault into the running cluster.
    struct Fault: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Inject a fault into the running embedded cluster.",
            discussion: """
                Kinds:
                  broker-down BROKER                 take a broker down
                  broker-up BROKER                   bring it back
                  leader TOPIC PARTITION BROKER      move a partition's leader
                  errors API ERROR[,ERROR…]          fail the next API requests (e.g. Produce NOT_LEADER_FOR_PARTITION,_TRANSPORT)
                  rtt BROKER MILLISECONDS            delay a broker's answers
                  clear API                          forget pending errors for API
                  topic NAME PARTITIONS              create a topic
                  topic-error TOPIC ERROR            make metadata report ERROR for TOPIC (NO_ERROR clears)
                """
        )

        @Argument(help: "The fault kind: broker-down, broker-up, leader, errors, rtt, clear, topic or topic-error.")
        var kind: String

        @Argument(parsing: .allUnrecognized, help: "The fault's arguments (see the kinds above).")
        var arguments: [String] = []

        @Option(parsing: .unconditional, help: "With `errors`: only this broker (1 to 32) fails the requests.")
        var broker: Int?

        @Option(parsing: .unconditional, help: "With `errors --broker`: answer each failing request after this many milliseconds (0 to 600000).")
        var rtt: Int = 0

        @OptionGroup var state: ClusterStateOptions

        func validate() throws {
            _ = try parse()
        }

        func run() async throws {
            let fault = try parse()
            let status = try state.stateFile.read()
            let reply = try await ClusterControlClient.send(.fault(fault), port: status.controlPort)
            guard reply.ok else { throw CLIError.commandFailed("fault refused: \(reply.message)") }
            print("injected: \(reply.message)")
        }

        private func parse() throws -> EmbeddedClusterFault {
            let brokerName = "BROKER (1 to \(EmbeddedCluster.brokerLimit))"
            let rttRange = 0...EmbeddedCluster.roundTripLimitMs
            func text(_ index: Int, _ name: String) throws -> String {
                guard index < arguments.count else { throw ValidationError("`\(kind)` needs \(name) as argument \(index + 1).") }
                return arguments[index]
            }
            func number(_ index: Int, _ name: String, _ range: ClosedRange<Int>) throws -> Int {
                let raw = try text(index, name)
                guard let value = Int(raw), range.contains(value) else {
                    throw ValidationError("`\(kind)` argument \(index + 1), \(name), must be a whole number from \(range.lowerBound) to \(range.upperBound); got '\(raw)'.")
                }
                return value
            }
            func broker(_ index: Int) throws -> Int32 {
                Int32(try number(index, brokerName, 1...EmbeddedCluster.brokerLimit))
            }
            func topic(_ index: Int) throws -> String {
                let name = try text(index, "TOPIC")
                if let problem = KafkaTopicName.problem(with: name) { throw ValidationError("`\(kind)`: \(problem).") }
                return name
            }
            func expect(_ count: Int) throws {
                guard arguments.count <= count else {
                    throw ValidationError("`\(kind)` takes \(count) argument(s); unexpected: \(arguments.dropFirst(count).joined(separator: " ")).")
                }
            }
            if self.broker != nil || rtt != 0, kind != "errors" {
                throw ValidationError("--broker and --rtt apply only to `errors`.")
            }
            guard rttRange.contains(rtt) else {
                throw ValidationError("--rtt must be 0 to \(rttRange.upperBound) milliseconds, got \(rtt).")
            }
            if let only = self.broker, !(1...EmbeddedCluster.brokerLimit).contains(only) {
                throw ValidationError("--broker must be 1 to \(EmbeddedCluster.brokerLimit), got \(only).")
            }
            switch kind {
            case "broker-down":
                try expect(1)
                return .brokerDown(broker: try broker(0))
            case "broker-up":
                try expect(1)
                return .brokerUp(broker: try broker(0))
            case "leader":
                try expect(3)
                let partition = Int32(try number(1, "PARTITION", 0...(EmbeddedCluster.partitionLimit - 1)))
                return .moveLeader(topic: try topic(0), partition: partition, broker: try broker(2))
            case "errors":
                try expect(2)
                let errors = try text(1, "ERROR[,ERROR…]").split(separator: ",").map(String.init)
                return .requestErrors(api: try text(0, "API"), errors: errors, broker: self.broker.map(Int32.init), roundTripMs: rtt)
            case "rtt":
                try expect(2)
                return .roundTripTime(broker: try broker(0), milliseconds: try number(1, "MILLISECONDS", rttRange))
            case "clear":
                try expect(1)
                return .clearRequestErrors(api: try text(0, "API"))
            case "topic":
                try expect(2)
                let partitions = try number(1, "PARTITIONS", 1...EmbeddedCluster.partitionLimit)
                return .createTopic(name: try topic(0), partitions: partitions, replicationFactor: nil)
            case "topic-error":
                try expect(2)
                return .topicError(topic: try topic(0), error: try text(1, "ERROR"))
            default:
                throw ValidationError("Unknown fault kind '\(kind)'. Use broker-down, broker-up, leader, errors, rtt, clear, topic or topic-error.")
            }
        }
    }
}

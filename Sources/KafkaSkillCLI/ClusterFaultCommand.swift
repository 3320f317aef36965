import ArgumentParser
import Foundation
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

        @Argument(help: "The fault's arguments (see the kinds above).")
        var arguments: [String] = []

        @Option(help: "With `errors`: only this broker fails the requests.")
        var broker: Int32?

        @Option(help: "With `errors --broker`: answer each failing request after this many milliseconds.")
        var rtt: Int = 0

        @OptionGroup var state: ClusterStateOptions

        func run() async throws {
            let fault = try parse()
            let status = try state.stateFile.read()
            let reply = try await EmbeddedClusterControlClient.send(.fault(fault), port: status.controlPort)
            guard reply.ok else { throw CLIError.commandFailed("fault refused: \(reply.message)") }
            print("injected: \(reply.message)")
        }

        private func parse() throws -> EmbeddedClusterFault {
            func int<T: FixedWidthInteger>(_ index: Int, _ name: String) throws -> T {
                guard index < arguments.count, let value = T(arguments[index]) else {
                    throw ValidationError("`\(kind)` needs \(name) as argument \(index + 1) (a whole number).")
                }
                return value
            }
            func text(_ index: Int, _ name: String) throws -> String {
                guard index < arguments.count else { throw ValidationError("`\(kind)` needs \(name) as argument \(index + 1).") }
                return arguments[index]
            }
            switch kind {
            case "broker-down": return .brokerDown(broker: try int(0, "BROKER"))
            case "broker-up": return .brokerUp(broker: try int(0, "BROKER"))
            case "leader": return .moveLeader(topic: try text(0, "TOPIC"), partition: try int(1, "PARTITION"), broker: try int(2, "BROKER"))
            case "errors":
                let errors = try text(1, "ERROR[,ERROR…]").split(separator: ",").map(String.init)
                return .requestErrors(api: try text(0, "API"), errors: errors, broker: broker, roundTripMs: rtt)
            case "rtt": return .roundTripTime(broker: try int(0, "BROKER"), milliseconds: try int(1, "MILLISECONDS"))
            case "clear": return .clearRequestErrors(api: try text(0, "API"))
            case "topic": return .createTopic(name: try text(0, "NAME"), partitions: try int(1, "PARTITIONS"), replicationFactor: nil)
            case "topic-error": return .topicError(topic: try text(0, "TOPIC"), error: try text(1, "ERROR"))
            default:
                throw ValidationError("Unknown fault kind '\(kind)'. Use broker-down, broker-up, leader, errors, rtt, clear, topic or topic-error.")
            }
        }
    }
}

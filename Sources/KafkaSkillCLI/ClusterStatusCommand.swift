import ArgumentParser
import Foundation
import Kafka

extension KafkaSkill.Cluster {
    /// `kafka-skill cluster status`: show the running cluster.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the running embedded cluster's brokers, faults and topics.")

        @Flag(help: "Print the status as JSON.")
        var json = false

        @OptionGroup var state: ClusterStateOptions

        func run() async throws {
            let recorded = try state.stateFile.read()
            let reply: EmbeddedClusterReply
            do {
                reply = try await EmbeddedClusterControlClient.send(.status, port: recorded.controlPort)
            } catch {
                throw CLIError.commandFailed(
                    "the cluster recorded in \(state.stateFile.url.path) does not answer (\(error)); it may have crashed — "
                        + "delete that file and run `kafka-skill cluster up` again")
            }
            guard let status = reply.status else { throw CLIError.commandFailed("the cluster did not report its status") }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(status), as: UTF8.self))
                return
            }
            print("bootstrap servers: \(status.bootstrapServers)")
            print("brokers: \(status.brokers)" + (status.downBrokers.isEmpty ? "" : " (down: \(status.downBrokers.map(String.init).joined(separator: ", ")))"))
            for (name, partitions) in status.topics.sorted(by: { $0.key < $1.key }) {
                print("topic: \(name) (\(partitions) partitions)")
            }
            print("process: \(status.processId), control port: \(status.controlPort)")
        }
    }

    /// `kafka-skill cluster down`: stop the running cluster.
    struct Down: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the running embedded cluster.")

        @OptionGroup var state: ClusterStateOptions

        func run() async throws {
            let recorded = try state.stateFile.read()
            do {
                _ = try await EmbeddedClusterControlClient.send(.shutdown, port: recorded.controlPort)
            } catch {
                state.stateFile.remove()
                print("the recorded cluster was not running; removed its stale state file")
                return
            }
            print("embedded cluster stopping")
        }
    }
}

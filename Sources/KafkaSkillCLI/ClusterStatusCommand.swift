import ArgumentParser
import Foundation

extension KafkaSkill.Cluster {
    /// `kafka-skill cluster status`: show the running cluster.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the running embedded cluster's brokers, faults and topics.")

        @Flag(help: "Print the status as JSON.")
        var json = false

        @OptionGroup var state: ClusterStateOptions

        func run() async throws {
            let recorded = try state.stateFile.read()
            let reply: ClusterControlReply
            do {
                reply = try await ClusterControlClient.send(.status, port: recorded.controlPort)
            } catch {
                let gone = !ClusterStateFile.processExists(recorded.processId)
                if gone { state.stateFile.remove() }
                throw CLIError.commandFailed(
                    "the cluster recorded in \(state.stateFile.url.path) does not answer (\(error)); "
                        + (gone
                            ? "its process \(recorded.processId) is gone, so the stale record was removed"
                            : "its process \(recorded.processId) still exists; stop it before starting another"))
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
                _ = try await ClusterControlClient.send(.shutdown, port: recorded.controlPort)
            } catch {
                guard !ClusterStateFile.processExists(recorded.processId) else {
                    throw CLIError.commandFailed(
                        "process \(recorded.processId) recorded in \(state.stateFile.url.path) does not answer on control "
                            + "port \(recorded.controlPort); it was left running (stop it with kill \(recorded.processId))")
                }
                state.stateFile.remove()
                print("the recorded cluster was not running; removed its stale state file")
                return
            }
            print("embedded cluster stopping")
        }
    }
}

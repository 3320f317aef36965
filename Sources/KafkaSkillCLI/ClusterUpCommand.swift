import ArgumentParser
import Dispatch
import Foundation
import Kafka
import Logging
import Synchronization

extension KafkaSkill.Cluster {
    /// `kafka-skill cluster up`: run a cluster in the foreground until Ctrl-C or `cluster down`.
    struct Up: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start an embedded cluster and keep it running until Ctrl-C.")

        @Option(help: "How many brokers to start.")
        var brokers: Int = 3

        @Option(name: .customLong("topic"), help: "A topic to create, as NAME:PARTITIONS (repeatable).")
        var topics: [TopicArgument] = []

        @Option(help: "The loopback port for fault commands; 0 picks a free one.")
        var controlPort: Int = 0

        @OptionGroup var state: ClusterStateOptions

        func validate() throws {
            guard brokers >= 1 else { throw ValidationError("--brokers must be at least 1.") }
        }

        func run() async throws {
            var logger = Logger(label: "kafka-skill.cluster")
            logger.logLevel = .warning
            let cluster = try EmbeddedCluster(brokers: brokers, logger: logger)
            for topic in topics {
                try cluster.createTopic(topic.name, partitions: topic.partitions)
            }
            let stop = StopSignal()
            let server = try EmbeddedClusterControlServer(cluster: cluster, port: controlPort) { stop.fire() }
            let file = state.stateFile
            try file.write(server.status)
            var lines = [
                "Embedded Kafka cluster with \(brokers) broker(s) is up.",
                "bootstrap servers: \(cluster.bootstrapServers)",
                "export KAFKA_BOOTSTRAP_SERVERS=\(cluster.bootstrapServers)",
            ]
            for (name, partitions) in cluster.topics.sorted(by: { $0.key < $1.key }) {
                lines.append("topic: \(name) (\(partitions) partitions)")
            }
            lines += ["state: \(file.url.path)", "Press Ctrl-C to stop."]
            // Unbuffered, so a script or test reading the pipe sees the bootstrap servers at once.
            FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            await stop.wait()
            server.stop()
            file.remove()
            cluster.shutdown()
            FileHandle.standardOutput.write(Data("Embedded cluster stopped.\n".utf8))
        }
    }
}

/// A `NAME:PARTITIONS` topic argument.
struct TopicArgument: ExpressibleByArgument {
    let name: String
    let partitions: Int

    init?(argument: String) {
        let parts = argument.split(separator: ":", maxSplits: 1).map(String.init)
        if parts.count == 1, !parts[0].isEmpty {
            (name, partitions) = (parts[0], 4)
        } else if parts.count == 2, !parts[0].isEmpty, let count = Int(parts[1]), count > 0 {
            (name, partitions) = (parts[0], count)
        } else {
            return nil
        }
    }
}

/// Resumes once, on SIGINT, SIGTERM, or a `cluster down` request.
final class StopSignal: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    private let sources: Mutex<[any DispatchSourceSignal]>

    init() {
        (stream, continuation) = AsyncStream<Void>.makeStream()
        var sources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [continuation] in continuation.yield() }
            source.resume()
            sources.append(source)
        }
        self.sources = Mutex(sources)
    }

    func fire() { continuation.yield() }

    func wait() async {
        for await _ in stream { break }
        sources.withLock { sources in
            for source in sources { source.cancel() }
        }
    }
}

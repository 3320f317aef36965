import ArgumentParser
import Dispatch
import EmbeddedKafka
import Foundation
import Kafka
import Logging
import Synchronization

extension KafkaSkill.Cluster {
    /// `kafka-skill cluster up`: run a cluster in the foreground until Ctrl-C or `cluster down`.
    struct Up: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start an embedded cluster and keep it running until Ctrl-C.")

        @Option(parsing: .unconditional, help: "How many brokers to start (1 to 32).")
        var brokers: Int = 3

        @Option(name: .customLong("topic"), help: "A topic to create, as NAME:PARTITIONS with 1 to 1000 partitions (repeatable).")
        var topicArguments: [String] = []

        @Option(parsing: .unconditional, help: "The loopback port for fault commands (0 to 65535); 0 picks a free one.")
        var controlPort: Int = 0

        @OptionGroup var state: ClusterStateOptions

        func validate() throws {
            guard (1...EmbeddedCluster.brokerLimit).contains(brokers) else {
                throw ValidationError("--brokers must be 1 to \(EmbeddedCluster.brokerLimit), got \(brokers).")
            }
            guard (0...65535).contains(controlPort) else {
                throw ValidationError("--control-port must be 0 to 65535, got \(controlPort).")
            }
            _ = try topicArguments.map(TopicArgument.parse)
        }

        func run() async throws {
            // Ctrl-C is honoured from here on: each starting step checks it, and the wait below ends on it.
            let stop = StopSignal()
            let file = state.stateFile
            try await file.claim()
            var logger = Logger(label: "kafka-skill.cluster")
            logger.logLevel = .warning
            let cluster = try EmbeddedCluster(brokers: brokers, logger: logger)
            defer { cluster.shutdown() }
            for topic in try topicArguments.map(TopicArgument.parse) where !stop.isFired {
                try cluster.createTopic(topic.name, partitions: topic.partitions)
            }
            guard !stop.isFired else { throw ExitCode(130) }
            let server = try await ClusterControlServer.bind(cluster: cluster, port: controlPort)
            let serving = Task { await server.serve { stop.fire() } }
            defer { server.stop() }
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
            await serving.value
            file.remove()
            cluster.shutdown()
            FileHandle.standardOutput.write(Data("Embedded cluster stopped.\n".utf8))
        }
    }
}

/// A `NAME:PARTITIONS` topic argument: a legal Kafka topic name and 1 to 1000 partitions (default 4).
struct TopicArgument {
    let name: String
    let partitions: Int

    private init(name: String, partitions: Int) {
        (self.name, self.partitions) = (name, partitions)
    }

    /// Parses `NAME[:PARTITIONS]`, saying what is wrong and what is allowed.
    static func parse(_ argument: String) throws -> TopicArgument {
        let parts = argument.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        if let problem = KafkaTopicName.problem(with: parts[0]) {
            throw ValidationError("--topic '\(argument)': \(problem).")
        }
        guard parts.count == 2 else { return TopicArgument(name: parts[0], partitions: 4) }
        let limit = EmbeddedCluster.partitionLimit
        guard let count = Int(parts[1]), (1...limit).contains(count) else {
            throw ValidationError("--topic '\(argument)': PARTITIONS must be a whole number from 1 to \(limit).")
        }
        return TopicArgument(name: parts[0], partitions: count)
    }
}

/// Resumes once, on SIGINT, SIGTERM, or a `cluster down` request.
final class StopSignal: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    private let sources: Mutex<[any DispatchSourceSignal]>
    private let fired: Flag

    init() {
        (stream, continuation) = AsyncStream<Void>.makeStream()
        let fired = Flag()
        self.fired = fired
        var sources: [any DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [continuation, fired] in
                fired.value.store(true, ordering: .releasing)
                continuation.yield()
            }
            source.resume()
            sources.append(source)
        }
        self.sources = Mutex(sources)
    }

    /// Whether a signal or `cluster down` has asked to stop.
    var isFired: Bool { fired.value.load(ordering: .acquiring) }

    func fire() {
        fired.value.store(true, ordering: .releasing)
        continuation.yield()
    }

    func wait() async {
        for await _ in stream { break }
        sources.withLock { sources in
            for source in sources { source.cancel() }
        }
    }
}

/// A flag a signal handler and the starting steps share.
private final class Flag: Sendable {
    let value = Atomic<Bool>(false)
}

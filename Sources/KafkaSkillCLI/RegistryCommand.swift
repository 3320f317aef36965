import ArgumentParser
import Avro
import Foundation
import Kafka
import Logging
import SchemaRegistry
import SchemaRegistryServer
import ServiceLifecycle
import UnixSignals

extension KafkaSkill {
    /// `kafka-skill registry`: the embedded schema registry.
    struct Registry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a Confluent-compatible schema registry backed by Kafka.",
            subcommands: [Serve.self]
        )
    }
}

extension KafkaSkill.Registry {
    /// `kafka-skill registry serve [--port N] [--bootstrap SERVERS]`.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the schema registry API until Ctrl-C, keeping schemas in a Kafka topic.",
            discussion: """
                The registry speaks the Confluent Schema Registry REST API for Avro schemas and keeps every schema, \
                version and compatibility level in a topic (default _schemas), so a registry restarted over the same \
                cluster keeps its schemas and ids. New schemas are checked at the subject's compatibility level and \
                refused with HTTP 409, naming the breaking change. \
                The cluster is --bootstrap if given, else $KAFKA_BOOTSTRAP_SERVERS, else the embedded cluster that \
                `kafka-skill cluster up` is running (its state file in $KAFKA_SKILL_STATE_DIR or ~/.kafka-skill). \
                On the embedded cluster, which keeps about 5 MiB of a partition before trimming its oldest records, \
                the registry refuses (HTTP 500, error_code 50001) a change that would take the topic past 4 MiB \
                rather than acknowledge one it would lose. A schema is at most 900,000 bytes.
                """
        )

        @Option(parsing: .unconditional, help: "The port to listen on (0 to 65535); 0 picks a free one.")
        var port: Int = 8081

        @Option(help: "The address to listen on.")
        var host: String = "127.0.0.1"

        @Option(help: ArgumentHelp(
            "The Kafka bootstrap servers. Default: $KAFKA_BOOTSTRAP_SERVERS, else the running embedded cluster.",
            valueName: "servers"
        ))
        var bootstrap: String?

        @Option(help: "The topic that holds the registry's schemas.")
        var topic: String = "_schemas"

        @Option(help: ArgumentHelp(
            "The compatibility level until one is set: BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE or NONE.",
            valueName: "level"
        ))
        var defaultCompatibility: String = CompatibilityLevel.backward.rawValue

        func validate() throws {
            guard (0...65535).contains(port) else {
                throw ValidationError("--port must be from 0 to 65535, got \(port); 0 picks a free port.")
            }
            if let problem = KafkaTopicName.problem(with: topic) {
                throw ValidationError("--topic: \(problem).")
            }
            guard CompatibilityLevel(name: defaultCompatibility) != nil else {
                let levels = CompatibilityLevel.allCases.map(\.rawValue).joined(separator: ", ")
                throw ValidationError("--default-compatibility must be one of \(levels).")
            }
        }

        func run() async throws {
            let servers: String
            do {
                servers = try KafkaBootstrap.resolve(
                    explicit: bootstrap, environment: ProcessInfo.processInfo.environment,
                    homeDirectory: FileManager.default.homeDirectoryForCurrentUser)
            } catch {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitCode.failure
            }
            var logger = Logger(label: "kafka-skill.registry")
            logger.logLevel = .warning
            let registry = SchemaRegistryServer(
                configuration: .init(
                    bootstrapServers: servers, host: host, port: port, topic: topic,
                    defaultCompatibility: CompatibilityLevel(name: defaultCompatibility) ?? .backward),
                logger: logger)
            let services = ServiceGroup(
                configuration: .init(services: [registry], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await services.run() }
                    group.addTask {
                        let url = try await registry.serverURL()
                        // Unbuffered, so a script reading the pipe sees the URL at once.
                        FileHandle.standardOutput.write(Data("""
                            Schema registry listening on \(url.absoluteString)
                            schemas in topic \(topic) on \(servers)
                            export SCHEMA_REGISTRY_URL=\(url.absoluteString)
                            Press Ctrl-C to stop.

                            """.utf8))
                    }
                    try await group.waitForAll()
                }
            } catch {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitCode.failure
            }
            FileHandle.standardOutput.write(Data("Schema registry stopped.\n".utf8))
        }
    }
}

import SchemaRegistry
public import Avro
public import Foundation
import Hummingbird
public import Logging
import NIOCore
public import ServiceLifecycle
import Synchronization

/// A schema registry that speaks the Confluent Schema Registry REST API (Avro schemas) and keeps its schemas in a
/// Kafka topic, `_schemas`, as Confluent's registry does.
///
/// On start it reads the topic from offset 0 to its high watermark and rebuilds every subject, version, id and
/// compatibility level from the records, so a registry restarted over the same cluster loses nothing the cluster
/// kept. Each change is written to the topic and acknowledged by Kafka before the registry answers. Ids and version
/// numbers follow from the records alone (highest id plus one, subject's highest version plus one), so they are the
/// same after a restart. New schemas are checked against the subject's versions at its compatibility level
/// (default BACKWARD) and refused with HTTP 409 and the breaking change when they break it.
///
/// Run it as a `Service`; graceful shutdown stops the HTTP server, lets requests in flight finish, and flushes the
/// topic's producer.
///
/// ```swift
/// let registry = SchemaRegistryServer(configuration: .init(bootstrapServers: cluster.bootstrapServers, port: 0))
/// let group = ServiceGroup(services: [registry], logger: logger)
/// Task { try await group.run() }
/// let url = try await registry.serverURL()
/// ```
///
/// One registry per topic: two registries writing the same topic would hand out the same ids.
public final class SchemaRegistryServer: Service, Sendable {
    /// Where the registry listens and where it keeps its schemas.
    public struct Configuration: Sendable, Hashable {
        /// The Kafka cluster that holds the registry's topic, as `bootstrap.servers`.
        public var bootstrapServers: String
        /// The address to listen on.
        ///
        /// Default: `127.0.0.1`.
        public var host: String
        /// The port to listen on; 0 picks a free one (read it from ``SchemaRegistryServer/serverURL()``).
        ///
        /// Default: 8081, the registry's usual port.
        public var port: Int
        /// The topic that holds the registry's records.
        ///
        /// Default: `_schemas`.
        public var topic: String
        /// The level of subjects and of the registry until a `PUT /config` sets another.
        ///
        /// Default: ``CompatibilityLevel/backward``.
        public var defaultCompatibility: CompatibilityLevel
        /// Extra librdkafka properties for the registry's Kafka clients (security settings, say).
        ///
        /// Default: none.
        public var kafkaProperties: [String: String]
        /// How long reading the topic at start, and each write to it, may take.
        ///
        /// Default: 30 seconds.
        public var kafkaTimeout: Duration

        /// Creates a configuration.
        ///
        /// - Parameters:
        ///   - bootstrapServers: The Kafka cluster.
        ///   - host: The address to listen on.
        ///   - port: The port to listen on; 0 picks one.
        ///   - topic: The registry's topic.
        ///   - defaultCompatibility: The level until one is set.
        ///   - kafkaProperties: Extra librdkafka properties.
        ///   - kafkaTimeout: How long Kafka reads and writes may take.
        public init(
            bootstrapServers: String,
            host: String = "127.0.0.1",
            port: Int = 8081,
            topic: String = "_schemas",
            defaultCompatibility: CompatibilityLevel = .backward,
            kafkaProperties: [String: String] = [:],
            kafkaTimeout: Duration = .seconds(30)
        ) {
            self.bootstrapServers = bootstrapServers
            self.host = host
            self.port = port
            self.topic = topic
            self.defaultCompatibility = defaultCompatibility
            self.kafkaProperties = kafkaProperties
            self.kafkaTimeout = kafkaTimeout
        }
    }

    /// The configuration the registry was made with.
    public let configuration: Configuration
    private let logger: Logger
    private let phase = Mutex(Phase.starting([]))

    private enum Phase {
        case starting([CheckedContinuation<URL, any Error>])
        case serving(URL)
        case ended((any Error)?)
    }

    /// Creates a registry; it starts when ``run()`` is called.
    ///
    /// - Parameters:
    ///   - configuration: Where to listen and where to keep schemas.
    ///   - logger: Receives the registry's and its Kafka clients' logs.
    public init(configuration: Configuration, logger: Logger = Logger(label: "schema-registry")) {
        self.configuration = configuration
        var logger = logger
        logger[metadataKey: "registry.topic"] = "\(configuration.topic)"
        self.logger = logger
    }

    /// Reads the topic, then serves the API until graceful shutdown or cancellation.
    ///
    /// - Throws: ``SchemaRegistryError/store(topic:message:)`` when the topic cannot be read, or the HTTP server's
    ///   error when it cannot listen (the port is taken, say).
    public func run() async throws {
        do {
            let configuration = self.configuration
            let logger = self.logger
            let opened: (SchemasTopicLog, [SchemasTopicRecord])
            do {
                opened = try await cancelWhenGracefulShutdown {
                    try await SchemasTopicLog.open(
                        bootstrapServers: configuration.bootstrapServers, topic: configuration.topic,
                        properties: configuration.kafkaProperties, timeout: configuration.kafkaTimeout, logger: logger)
                }
            } catch {
                // Asked to stop while still reading the topic: there is nothing to serve and nothing to flush.
                guard Task.isShuttingDownGracefully else { throw error }
                end(nil)
                return
            }
            let store = SchemaStore(log: opened.0, records: opened.1, defaultLevel: configuration.defaultCompatibility, logger: logger)
            logger.info("rebuilt the registry from its topic", metadata: ["records": "\(opened.1.count)"])
            let app = Application(
                router: RegistryRoutes(store: store).makeRouter(),
                configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
                onServerRunning: { [self] channel in
                    announce(port: channel.localAddress?.port ?? configuration.port)
                },
                logger: logger)
            do {
                try await app.run()
            } catch {
                await store.close()
                throw error
            }
            await store.close()
            end(nil)
        } catch {
            end(error)
            throw error
        }
    }

    /// The registry's base URL, once it listens, for example `http://127.0.0.1:40123`.
    ///
    /// - Returns: The URL; waits while the registry is still reading its topic.
    /// - Throws: The error ``run()`` failed with, or ``SchemaRegistryError/store(topic:message:)`` when the registry
    ///   stopped before it listened.
    public func serverURL() async throws -> URL {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<URL, any Error>) in
            let outcome = phase.withLock { phase -> Result<URL, any Error>? in
                switch phase {
                case var .starting(waiters):
                    waiters.append(continuation)
                    phase = .starting(waiters)
                    return nil
                case let .serving(url):
                    return .success(url)
                case let .ended(error):
                    return .failure(error ?? SchemaRegistryError.store(topic: configuration.topic, message: "the registry has stopped"))
                }
            }
            if let outcome { continuation.resume(with: outcome) }
        }
    }

    private func announce(port: Int) {
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        guard let url = URL(string: "http://\(host):\(port)") else { return }
        let waiters = phase.withLock { phase -> [CheckedContinuation<URL, any Error>] in
            guard case let .starting(waiters) = phase else { return [] }
            phase = .serving(url)
            return waiters
        }
        logger.info("schema registry listening", metadata: ["url": "\(url.absoluteString)"])
        for waiter in waiters { waiter.resume(returning: url) }
    }

    private func end(_ error: (any Error)?) {
        let waiters = phase.withLock { phase -> [CheckedContinuation<URL, any Error>] in
            defer { phase = .ended(error) }
            guard case let .starting(waiters) = phase else { return [] }
            return waiters
        }
        let failure = error ?? SchemaRegistryError.store(topic: configuration.topic, message: "the registry stopped before it listened")
        for waiter in waiters { waiter.resume(throwing: failure) }
    }
}

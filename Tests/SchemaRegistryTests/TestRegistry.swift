import Foundation
import EmbeddedKafka
import Kafka
import Logging
import SchemaRegistry
import SchemaRegistryServer
import ServiceLifecycle
import Testing

/// An embedded registry on 127.0.0.1 port 0 over an embedded Kafka cluster, run in a real `ServiceGroup` and shut
/// down gracefully after each use.
enum TestRegistry {
    static let logger: Logger = {
        var logger = Logger(label: "schema-registry.tests")
        logger.logLevel = ProcessInfo.processInfo.environment["REGISTRY_TEST_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .critical
        return logger
    }()

    /// A one-broker cluster with the registry topic made as a real deployment has it: one partition.
    static func makeCluster(topic: String = "_schemas") throws -> EmbeddedCluster {
        let cluster = try EmbeddedCluster(brokers: 1, logger: logger)
        try cluster.createTopic(topic, partitions: 1)
        return cluster
    }

    /// Starts a registry over `cluster`, runs `body` with a client for it, then shuts the registry down gracefully
    /// and checks that it stopped.
    static func with<T: Sendable>(
        cluster: EmbeddedCluster,
        configure: (inout SchemaRegistryServer.Configuration) -> Void = { _ in },
        requestTimeout: Duration = .seconds(10),
        _ body: (SchemaRegistryClient, URL) async throws -> T
    ) async throws -> T {
        var configuration = SchemaRegistryServer.Configuration(bootstrapServers: cluster.bootstrapServers, port: 0)
        configuration.kafkaTimeout = .seconds(20)
        configure(&configuration)
        let registry = SchemaRegistryServer(configuration: configuration, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [registry], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let url = try await registry.serverURL()
            let client = SchemaRegistryClient(configuration: .init(baseURL: url, requestTimeout: requestTimeout))
            let result: Result<T, any Error>
            do {
                result = .success(try await body(client, url))
            } catch {
                result = .failure(error)
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return try result.get()
        }
    }

    /// A unique name, so tests sharing nothing never collide.
    static func unique(_ prefix: String) -> String {
        "\(prefix)-\(UUID().uuidString.prefix(8).lowercased())"
    }
}

/// Schemas the tests evolve.
enum Schemas {
    static let userV1 = """
        {"type": "record", "name": "User", "namespace": "com.example",
         "fields": [
           {"name": "id", "type": "long"},
           {"name": "name", "type": "string"}
         ]}
        """

    /// v1 plus a defaulted field: BACKWARD and FORWARD compatible with v1.
    static let userV2 = """
        {"type": "record", "name": "User", "namespace": "com.example",
         "fields": [
           {"name": "id", "type": "long"},
           {"name": "name", "type": "string"},
           {"name": "country", "type": "string", "default": "NL"}
         ]}
        """

    /// v1 plus a field without a default: a BACKWARD-breaking change.
    static let userBreaking = """
        {"type": "record", "name": "User", "namespace": "com.example",
         "fields": [
           {"name": "id", "type": "long"},
           {"name": "name", "type": "string"},
           {"name": "email", "type": "string"}
         ]}
        """

    static let order = """
        {"type": "record", "name": "Order", "namespace": "com.shop",
         "fields": [{"name": "orderId", "type": "string"}, {"name": "amount", "type": "double"}]}
        """
}

import EmbeddedKafka
import Foundation
import Kafka
import Logging
import SchemaRegistryServer
import ServiceLifecycle

/// A schema registry for the tests: KafkaSkill's embedded one, in this process, on a free port, keeping its
/// schemas in the test's cluster.
enum TestRegistry {
    /// Runs `body` with the URL of a new registry over `cluster`, then shuts the registry down.
    static func run<Result>(
        on cluster: EmbeddedCluster, logger: Logger, _ body: (URL) async throws -> Result
    ) async throws -> Result {
        let registry = SchemaRegistryServer(
            configuration: .init(bootstrapServers: cluster.bootstrapServers, port: 0), logger: logger)
        let group = ServiceGroup(configuration: .init(services: [registry], logger: logger))
        let running = Task { try await group.run() }
        let result: Result
        do {
            result = try await body(try await registry.serverURL())
        } catch {
            await group.triggerGracefulShutdown()
            _ = await running.result
            throw error
        }
        await group.triggerGracefulShutdown()
        try await running.value
        return result
    }
}

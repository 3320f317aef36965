public import Foundation
public import Logging
import ServiceLifecycle

extension SchemaRegistryServer {
    /// Runs `body` with the URL of a new registry on a free loopback port that keeps its schemas in the
    /// cluster at `bootstrapServers`, then shuts the registry down: a registry for a test.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws, or why the registry could not start.
    public static func withTemporaryRegistry<Result>(
        bootstrapServers: String, logger: Logger, _ body: (URL) async throws -> Result
    ) async throws -> Result {
        let registry = SchemaRegistryServer(configuration: .init(bootstrapServers: bootstrapServers, port: 0), logger: logger)
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

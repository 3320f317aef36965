import Foundation
import EmbeddedKafka
import Kafka
import Logging
import SchemaRegistry
import SchemaRegistryServer
import ServiceLifecycle
import Testing

@Suite("Registry lifecycle: start, concurrent writes, failures, graceful shutdown")
struct LifecycleTests {
    @Test("concurrent registrations get distinct ids and versions, all of which survive a restart")
    func concurrentRegistrations() async throws {
        let cluster = try TestRegistry.makeCluster()
        let count = 24
        let registered = try await TestRegistry.with(cluster: cluster) { client, _ async throws in
            try await withThrowingTaskGroup(of: (Int, Int).self) { group in
                for index in 0..<count {
                    group.addTask {
                        let schema = #"{"type": "record", "name": "Event", "fields": [{"name": "n", "type": "int"}, {"name": "f\#(index)", "type": "int", "default": 0}]}"#
                        return (index, try await client.register(schema, subject: "events-value"))
                    }
                }
                var ids: [Int: Int] = [:]
                for try await (index, id) in group { ids[index] = id }
                return ids
            }
        }
        #expect(Set(registered.values) == Set(1...count))
        try await TestRegistry.with(cluster: cluster) { client, _ async throws in
            #expect(try await client.versions(subject: "events-value") == Array(1...count))
            for version in 1...count {
                let found = try await client.version(.number(version), subject: "events-value")
                #expect(found.id == version, "ids are handed out in the order versions are written")
            }
        }
    }

    @Test("an unreachable cluster fails the start with a store error, and serverURL() reports it")
    func unreachableCluster() async throws {
        var configuration = SchemaRegistryServer.Configuration(bootstrapServers: "127.0.0.1:1", port: 0)
        configuration.kafkaTimeout = .seconds(1)
        let registry = SchemaRegistryServer(configuration: configuration, logger: TestRegistry.logger)
        let waiting = Task { try await registry.serverURL() }
        let start = ContinuousClock.now
        await #expect(throws: SchemaRegistryError.self) { try await registry.run() }
        #expect(ContinuousClock.now - start < .seconds(10))
        let error = await #expect(throws: SchemaRegistryError.self) { try await waiting.value }
        guard case let .store(topic, _)? = error else {
            Issue.record("expected a store error, got \(String(describing: error))")
            return
        }
        #expect(topic == "_schemas")
    }

    @Test("a taken port fails the start; after a graceful shutdown serverURL() says the registry stopped")
    func portTakenAndStopped() async throws {
        let cluster = try TestRegistry.makeCluster()
        let url = try await TestRegistry.with(cluster: cluster) { _, url async throws in
            let port = try #require(url.port)
            let second = SchemaRegistryServer(
                configuration: .init(bootstrapServers: cluster.bootstrapServers, port: port), logger: TestRegistry.logger)
            await #expect(throws: (any Error).self) { try await second.run() }
            await #expect(throws: (any Error).self) { try await second.serverURL() }
            return url
        }
        #expect(url.host == "127.0.0.1")
    }

    @Test("graceful shutdown lets the registry's run() return, and serverURL() then throws")
    func gracefulShutdown() async throws {
        let cluster = try TestRegistry.makeCluster()
        let registry = SchemaRegistryServer(
            configuration: .init(bootstrapServers: cluster.bootstrapServers, port: 0), logger: TestRegistry.logger)
        let group = ServiceGroup(configuration: .init(services: [registry], logger: TestRegistry.logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let url = try await registry.serverURL()
            let client = SchemaRegistryClient(configuration: .init(baseURL: url))
            _ = try await client.register(Schemas.order, subject: "orders-value")
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        let error = await #expect(throws: SchemaRegistryError.self) { try await registry.serverURL() }
        #expect(error?.description.contains("stopped") == true)
    }

    @Test("graceful shutdown while the topic is still being read ends the registry without an error")
    func shutdownDuringStart() async throws {
        var configuration = SchemaRegistryServer.Configuration(bootstrapServers: "127.0.0.1:1", port: 0)
        configuration.kafkaTimeout = .seconds(2)
        let registry = SchemaRegistryServer(configuration: configuration, logger: TestRegistry.logger)
        let group = ServiceGroup(configuration: .init(services: [registry], logger: TestRegistry.logger))
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            try await Task.sleep(for: .milliseconds(300))
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        // About 2 s (the Kafka timeout) when idle; the bound leaves room for a loaded CI machine while still
        // catching a shutdown that waits out the producer's 10 s flush.
        #expect(ContinuousClock.now - start < .seconds(9))
        await #expect(throws: SchemaRegistryError.self) { try await registry.serverURL() }
    }
}

import Foundation
import SchemaRegistry
import SchemaRegistryServer
import Testing

@Suite("Finding the registry's Kafka cluster")
struct KafkaBootstrapTests {
    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(TestRegistry.unique("bootstrap"))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("an explicit list wins over the environment, and the environment over the state file")
    func precedence() throws {
        let home = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".kafka-skill"), withIntermediateDirectories: true)
        try Data(#"{"bootstrapServers": "127.0.0.1:39092", "brokers": 3}"#.utf8)
            .write(to: home.appendingPathComponent(".kafka-skill/cluster.json"))
        let environment = ["KAFKA_BOOTSTRAP_SERVERS": "kafka-1:9092"]
        #expect(try KafkaBootstrap.resolve(explicit: "a:1,b:2", environment: environment, homeDirectory: home) == "a:1,b:2")
        #expect(try KafkaBootstrap.resolve(explicit: nil, environment: environment, homeDirectory: home) == "kafka-1:9092")
        #expect(try KafkaBootstrap.resolve(explicit: " ", environment: [:], homeDirectory: home) == "127.0.0.1:39092")
    }

    @Test("KAFKA_SKILL_STATE_DIR names the state file's folder")
    func stateDirectory() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(#"{"bootstrapServers": "127.0.0.1:40001"}"#.utf8).write(to: folder.appendingPathComponent("cluster.json"))
        let resolved = try KafkaBootstrap.resolve(
            explicit: nil, environment: ["KAFKA_SKILL_STATE_DIR": folder.path], homeDirectory: URL(fileURLWithPath: "/nonexistent"))
        #expect(resolved == "127.0.0.1:40001")
    }

    @Test("nothing to go on is a clear error; an unreadable state file says what is wrong with it")
    func failures() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = #expect(throws: SchemaRegistryError.self) {
            try KafkaBootstrap.resolve(explicit: nil, environment: ["KAFKA_SKILL_STATE_DIR": folder.path], homeDirectory: folder)
        }
        let path = folder.appendingPathComponent("cluster.json").path
        #expect(missing == .noBootstrapServers(stateFile: path))
        #expect(missing?.description.contains("--bootstrap") == true)
        #expect(missing?.description.contains("kafka-skill cluster up") == true)

        try Data(#"{"brokers": 3}"#.utf8).write(to: folder.appendingPathComponent("cluster.json"))
        let unreadable = #expect(throws: SchemaRegistryError.self) {
            try KafkaBootstrap.resolve(explicit: nil, environment: ["KAFKA_SKILL_STATE_DIR": folder.path], homeDirectory: folder)
        }
        guard case .unreadableClusterState(path, _)? = unreadable else {
            Issue.record("expected unreadableClusterState, got \(String(describing: unreadable))")
            return
        }
    }
}

import Foundation
import EmbeddedKafka
import Kafka
import Testing

@Suite("kafka-skill cluster", .timeLimit(.minutes(2)), .serialized)
struct ClusterCommandTests {
    func stateDirectory() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kafka-skill-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("up prints the bootstrap servers; fault, status and down act on it from other processes")
    func upFaultStatusDown() async throws {
        let state = try stateDirectory()
        let environment = ["KAFKA_SKILL_STATE_DIR": state.path]
        let up = try RunningCommand(["cluster", "up", "--brokers", "3", "--topic", "orders:3"], environment: environment)
        let bootstrapLine = try #require(await up.line(startingWith: "bootstrap servers: "))
        let bootstrap = String(bootstrapLine.dropFirst("bootstrap servers: ".count))
        #expect(bootstrap.split(separator: ",").count == 3)

        let fault = try await CommandRunner.run(["cluster", "fault", "broker-down", "2"], environment: environment)
        #expect(fault.status == 0, "\(fault.error)")
        #expect(fault.output.contains("broker 2 down"))

        let status = try await CommandRunner.run(["cluster", "status", "--json"], environment: environment)
        #expect(status.status == 0, "\(status.error)")
        let decoded = try JSONDecoder().decode(PrintedStatus.self, from: Data(status.output.utf8))
        #expect(decoded.bootstrapServers == bootstrap)
        #expect(decoded.downBrokers == [2])
        #expect(decoded.topics == ["orders": 3])

        let refused = try await CommandRunner.run(["cluster", "fault", "errors", "Produce", "NOT_AN_ERROR"], environment: environment)
        #expect(refused.status != 0)
        #expect(refused.error.contains("unknown error name 'NOT_AN_ERROR'"))

        _ = try await CommandRunner.run(["cluster", "fault", "broker-up", "2"], environment: environment)
        var config = try KafkaConfig()
        config.bootstrapServers = [bootstrap]
        let producer = try KafkaProducer(config: config)
        let report = try await producer.send(KafkaProducerMessage(topic: "orders", partition: 1, key: "k", value: "v"))
        #expect(report.partition == 1)
        await producer.shutdown()

        let down = try await CommandRunner.run(["cluster", "down"], environment: environment)
        #expect(down.status == 0)
        #expect(await up.waitForExit() == 0)
        #expect(!FileManager.default.fileExists(atPath: state.appendingPathComponent("cluster.json").path))
        let after = try await CommandRunner.run(["cluster", "status"], environment: environment)
        #expect(after.status != 0)
        #expect(after.error.contains("no embedded cluster is running"))
    }

    @Test("Ctrl-C (SIGINT) stops the cluster cleanly and removes its state file")
    func interrupt() async throws {
        let state = try stateDirectory()
        let up = try RunningCommand(["cluster", "up", "--brokers", "1"], environment: ["KAFKA_SKILL_STATE_DIR": state.path])
        _ = await up.line(startingWith: "Press Ctrl-C")
        #expect(FileManager.default.fileExists(atPath: state.appendingPathComponent("cluster.json").path))
        up.process.interrupt()
        #expect(await up.waitForExit() == 0)
        #expect(!FileManager.default.fileExists(atPath: state.appendingPathComponent("cluster.json").path))
    }

    @Test("invalid arguments are refused with the usage error")
    func invalidArguments() async throws {
        let zero = try await CommandRunner.run(["cluster", "up", "--brokers", "0"])
        #expect(zero.status == 64)
        #expect(zero.error.contains("--brokers must be 1 to 32"))
        let badTopic = try await CommandRunner.run(["cluster", "up", "--topic", "orders:many"])
        #expect(badTopic.status == 64)
    }
}

/// The fields of `cluster status --json` the tests read.
struct PrintedStatus: Decodable {
    var bootstrapServers: String
    var downBrokers: [Int32]
    var topics: [String: Int]
    var controlPort: Int
    var processId: Int32
}

import EmbeddedKafka
import Foundation
import Kafka
import KafkaServiceRuntime
import KafkaServiceTesting
import Logging
import Testing
@testable import OrderEnricher

/// The embedded cluster runs the transaction protocol but writes no transaction markers and ignores offsets
/// sent in a transaction, so these tests prove the flow and that nothing is lost or doubled without faults;
/// exactly-once under faults needs a real cluster (`kafka-skill verify --bootstrap`).
@Suite("order-enricher against the embedded cluster", .timeLimit(.minutes(2)))
struct OrderEnricherTests {
    let logger: Logger = {
        var logger = Logger(label: "order-enricher-tests")
        logger.logLevel = .critical
        return logger
    }()

    /// The environment the service would get: `cluster`, fresh topics, group and transactional
    /// id, a 1.5 s idle exit, and events written to a temporary file; `overrides` adds variables.
    func environment(for cluster: EmbeddedCluster, _ overrides: [String: String] = [:]) throws -> [String: String] {
        let suffix = UInt32.random(in: 0...UInt32.max)
        var environment = [
            "KAFKA_BOOTSTRAP_SERVERS": cluster.bootstrapServers,
            "KAFKA_GROUP_ID": "order-enricher-\(suffix)",
            "KAFKA_TRANSACTIONAL_ID": "order-enricher-\(suffix)",
            "KAFKA_INPUT_TOPICS": "order-events-\(suffix)",
            "KAFKA_OUTPUT_TOPIC": "enriched-orders-\(suffix)",
            "KAFKA_DEAD_LETTER_TOPIC": "order-enricher-dlq-\(suffix)",
            "EXIT_AFTER_IDLE_MS": "1500",
            "RETRY_BACKOFF_MS": "1",
            "KAFKA_SKILL_EVENTS": FileManager.default.temporaryDirectory.appendingPathComponent("order-enricher-\(suffix).jsonl").path,
        ]
        environment.merge(overrides) { _, override in override }
        try cluster.createTopic("order-events-\(suffix)", partitions: 6, replicationFactor: 3)
        try cluster.createTopic("enriched-orders-\(suffix)", partitions: 6, replicationFactor: 3)
        try cluster.createTopic("order-enricher-dlq-\(suffix)", partitions: 1, replicationFactor: 3)
        return environment
    }

    /// The service's settings from `environment`.
    func settings(_ environment: [String: String]) throws -> ServiceSettings {
        try ServiceSettings(reading: EnvironmentReader(environment: environment))
    }

    /// Sends values `0..<count` with keys `key-<value mod 10>`.
    func produce(_ count: Int, to topic: String, on cluster: EmbeddedCluster) async throws {
        // Each send waits for its delivery report, so a lost input fails here rather than as a short count
        // later; with nothing to batch, lingering would only delay every report.
        var config = try KafkaConfig(["enable.idempotence": "true", "linger.ms": "0"])
        config.bootstrapServers = [cluster.bootstrapServers]
        let producer = try KafkaProducer(config: config, logger: logger)
        for value in 0..<count {
            try await producer.send(KafkaProducerMessage(topic: topic, key: "key-\(value % 10)", value: String(value)))
        }
        await producer.shutdown()
    }

    /// Runs the processor until it has been idle for `EXIT_AFTER_IDLE_MS`, and returns the events it wrote.
    func run(_ environment: [String: String]) async throws -> EventLines {
        let path = try #require(environment["KAFKA_SKILL_EVENTS"])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let context = try ServiceContext(name: ServiceSettings.serviceName, variables: environment)
        try await Application(settings: try settings(environment), context: context).run(gracefulShutdownSignals: [])
        return try EventLines(contentsOf: path)
    }

    @Test("every input record has exactly one output record, written in committed transactions")
    func transformsEveryRecordOnce() async throws {
        let cluster = try EmbeddedCluster(brokers: 3)
        defer { cluster.shutdown() }
        let environment = try environment(for: cluster)
        let settings = try settings(environment)
        let count = 300
        try await produce(count, to: settings.inputTopics[0], on: cluster)

        let lines = try await run(environment)

        let output = try await TopicReader.readAll(settings.outputTopic, partitions: 6, bootstrapServers: cluster.bootstrapServers, logger: logger)
        #expect(output.count == count)
        #expect(Set(output.compactMap(\.valueString)) == Set((0..<count).map(String.init)))
        let commits = lines.named("transaction_commit")
        #expect(!commits.isEmpty)
        #expect(commits.allSatisfy { $0["success"] as? Bool == true })
        #expect(lines.named("transaction_abort").isEmpty)
        #expect(Set(lines.named("record_data").compactMap { $0["value"] as? String }).count == count)
        #expect(lines.lines.last?["name"] as? String == "shutdown_complete")
    }

    @Test("records that fail every retry go to the dead-letter topic inside the transaction")
    func deadLettersInsideTheTransaction() async throws {
        let cluster = try EmbeddedCluster(brokers: 3)
        defer { cluster.shutdown() }
        let environment = try environment(for: cluster, ["FAIL_EVERY": "7", "PROCESSING_RETRIES": "1"])
        let settings = try settings(environment)
        let count = 140
        try await produce(count, to: settings.inputTopics[0], on: cluster)

        _ = try await run(environment)

        let output = try await TopicReader.readAll(settings.outputTopic, partitions: 6, bootstrapServers: cluster.bootstrapServers, logger: logger)
        let parked = try await TopicReader.readAll(settings.deadLetterTopic, partitions: 1, bootstrapServers: cluster.bootstrapServers, logger: logger)
        #expect(parked.count == count / 7)
        #expect(output.count + parked.count == count)
        #expect(Set((output + parked).compactMap(\.valueString)) == Set((0..<count).map(String.init)))
    }
}

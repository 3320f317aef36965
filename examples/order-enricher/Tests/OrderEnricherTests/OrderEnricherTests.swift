import EmbeddedKafka
import Foundation
import Kafka
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

    /// Settings pointing at `cluster`, with fresh topics, group and transactional id, and events written to a
    /// temporary file.
    func settings(for cluster: EmbeddedCluster) throws -> ServiceSettings {
        let suffix = UInt32.random(in: 0...UInt32.max)
        var settings = ServiceSettings()
        settings.bootstrapServers = [cluster.bootstrapServers]
        settings.groupID = "order-enricher-\(suffix)"
        settings.transactionalID = "order-enricher-\(suffix)"
        settings.exitAfterIdleMs = 1500
        settings.retryBackoffMs = 1
        settings.events = .file(path: FileManager.default.temporaryDirectory.appendingPathComponent("\(settings.groupID).jsonl").path)
        settings.inputTopics = []
        settings.inputTopics.append("order-events-\(suffix)")
        try cluster.createTopic("order-events-\(suffix)", partitions: 6, replicationFactor: 3)
        settings.outputTopic = "enriched-orders-\(suffix)"
        try cluster.createTopic(settings.outputTopic, partitions: 6, replicationFactor: 3)
        settings.deadLetterTopic = "order-enricher-dlq-\(suffix)"
        try cluster.createTopic(settings.deadLetterTopic, partitions: 1, replicationFactor: 3)
        return settings
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
    func run(_ settings: ServiceSettings) async throws -> EventLines {
        guard case .file(let path) = settings.events else { throw CancellationError() }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let events = try EventLog(destination: settings.events, service: ServiceSettings.serviceName, logger: logger)
        try await Application(settings: settings, logger: logger, events: events).run(gracefulShutdownSignals: [])
        return try EventLines(contentsOf: path)
    }

    @Test("every input record has exactly one output record, written in committed transactions")
    func transformsEveryRecordOnce() async throws {
        let cluster = try EmbeddedCluster(brokers: 3)
        defer { cluster.shutdown() }
        let settings = try settings(for: cluster)
        let count = 300
        try await produce(count, to: settings.inputTopics[0], on: cluster)

        let lines = try await run(settings)

        let output = try await TopicReader.readAll(settings.outputTopic, partitions: 6, from: cluster, logger: logger)
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
        var settings = try settings(for: cluster)
        settings.failEvery = 7
        settings.retries = 1
        let count = 140
        try await produce(count, to: settings.inputTopics[0], on: cluster)

        _ = try await run(settings)

        let output = try await TopicReader.readAll(settings.outputTopic, partitions: 6, from: cluster, logger: logger)
        let parked = try await TopicReader.readAll(settings.deadLetterTopic, partitions: 1, from: cluster, logger: logger)
        #expect(parked.count == count / 7)
        #expect(output.count + parked.count == count)
        #expect(Set((output + parked).compactMap(\.valueString)) == Set((0..<count).map(String.init)))
    }
}

import EmbeddedKafka
import Foundation
import Kafka
import KafkaServiceRuntime
import KafkaServiceTesting
import Logging
import Testing
@testable import OrderEventsWorker

@Suite("order-events-worker against the embedded cluster", .timeLimit(.minutes(2)))
struct OrderEventsWorkerTests {
    let logger: Logger = {
        var logger = Logger(label: "order-events-worker-tests")
        logger.logLevel = .critical
        return logger
    }()

    /// The environment the service would get: `cluster`, fresh topics and group, a 3 s idle exit, and events
    /// written to a temporary file; `overrides` adds variables.
    func environment(for cluster: EmbeddedCluster, _ overrides: [String: String] = [:]) throws -> [String: String] {
        let suffix = UInt32.random(in: 0...UInt32.max)
        var environment = [
            "KAFKA_BOOTSTRAP_SERVERS": cluster.bootstrapServers,
            "KAFKA_GROUP_ID": "order-events-workers-\(suffix)",
            "KAFKA_INPUT_TOPICS": "order-events-\(suffix)",
            "KAFKA_DEAD_LETTER_TOPIC": "order-events-dlq-\(suffix)",
            "EXIT_AFTER_IDLE_MS": "3000",
            "RETRY_BACKOFF_MS": "1",
            "KAFKA_SKILL_EVENTS": FileManager.default.temporaryDirectory.appendingPathComponent("order-events-workers-\(suffix).jsonl").path,
        ]
        environment.merge(overrides) { _, override in override }
        try cluster.createTopic("order-events-\(suffix)", partitions: 6, replicationFactor: 3)
        try cluster.createTopic("order-events-dlq-\(suffix)", partitions: 1, replicationFactor: 3)
        return environment
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

    /// Starts the worker, sends values `0..<count` once it has partitions, and waits until it has been idle for
    /// `EXIT_AFTER_IDLE_MS`; returns the events it wrote.
    ///
    /// Sending only after the assignment matters for presets with `auto.offset.reset=latest` (at-most-once),
    /// where a new group starts at the end of each partition.
    func run(_ environment: [String: String], producing count: Int, on cluster: EmbeddedCluster) async throws -> EventLines {
        let settings = try ServiceSettings(reading: EnvironmentReader(environment: environment))
        let path = try #require(environment["KAFKA_SKILL_EVENTS"])
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await start(settings, environment, eventsAt: path) {
            try await produce(count, to: settings.inputTopics[0], on: cluster)
        }
        return try EventLines(contentsOf: path)
    }

    @Test("every record produced is processed, and the offsets are committed")
    func processesEveryRecord() async throws {
        let cluster = try EmbeddedCluster(brokers: 3)
        defer { cluster.shutdown() }
        let environment = try environment(for: cluster)
        let count = 300

        let lines = try await run(environment, producing: count, on: cluster)

        let processed = lines.named("record_data").compactMap { $0["value"] as? String }
        #expect(Set(processed) == Set((0..<count).map(String.init)))
        let commits = lines.named("offsets_committed").filter { $0["success"] as? Bool == true }
        #expect(!commits.isEmpty)
        #expect(lines.lines.last?["name"] as? String == "shutdown_complete")
    }

    @Test("records that fail every retry go to the dead-letter topic; none is lost")
    func deadLettersFailedRecords() async throws {
        let cluster = try EmbeddedCluster(brokers: 3)
        defer { cluster.shutdown() }
        let environment = try environment(for: cluster, ["FAIL_EVERY": "10", "PROCESSING_RETRIES": "2"])
        let count = 200

        let lines = try await run(environment, producing: count, on: cluster)

        let processed = Set(lines.named("record_data").compactMap { $0["value"] as? String })
        let deadLettered = Set(lines.named("dead_letter").compactMap { $0["value"] as? String })
        #expect(deadLettered.count == count / 10)
        #expect(processed.isDisjoint(with: deadLettered))
        #expect(processed.union(deadLettered) == Set((0..<count).map(String.init)))
        let parked = try await TopicReader.readAll(
            try #require(environment["KAFKA_DEAD_LETTER_TOPIC"]), partitions: 1,
            bootstrapServers: cluster.bootstrapServers, logger: logger)
        #expect(Set(parked.compactMap(\.valueString)) == deadLettered)
        #expect(parked.allSatisfy { record in record.headers.contains { $0.name == "dlq.error" } })
    }

    /// Runs the worker with `settings` and `environment`; once it has partitions, runs `input`; returns when
    /// the worker has stopped after `EXIT_AFTER_IDLE_MS` without records.
    func start(
        _ settings: ServiceSettings, _ environment: [String: String], eventsAt path: String, input: () async throws -> Void
    ) async throws {
        let context = try ServiceContext(name: ServiceSettings.serviceName, variables: environment)
        let service = Task { try await Application(settings: settings, context: context).run(gracefulShutdownSignals: []) }
        let assigned = await waitUntil { (try? EventLines(contentsOf: path).named("partitions_assigned").isEmpty == false) ?? false }
        guard assigned else {
            service.cancel()
            Issue.record("no partitions_assigned event within 30 s")
            return
        }
        try await input()
        try await service.value
    }
}

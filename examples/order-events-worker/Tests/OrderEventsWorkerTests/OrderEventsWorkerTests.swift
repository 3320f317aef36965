import EmbeddedKafka
import Foundation
import Kafka
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

    /// Settings pointing at `cluster`, with fresh topics and group, and events written to a temporary file.
    func settings(for cluster: EmbeddedCluster) throws -> ServiceSettings {
        let suffix = UInt32.random(in: 0...UInt32.max)
        var settings = ServiceSettings()
        settings.bootstrapServers = [cluster.bootstrapServers]
        settings.groupID = "order-events-workers-\(suffix)"
        settings.exitAfterIdleMs = 3000
        settings.retryBackoffMs = 1
        settings.events = .file(path: FileManager.default.temporaryDirectory.appendingPathComponent("\(settings.groupID).jsonl").path)
        settings.inputTopics = []
        settings.inputTopics.append("order-events-\(suffix)")
        try cluster.createTopic("order-events-\(suffix)", partitions: 6, replicationFactor: 3)
        settings.deadLetterTopic = "order-events-dlq-\(suffix)"
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

    /// Starts the worker, sends values `0..<count` once it has partitions, and waits until it has been idle for
    /// `EXIT_AFTER_IDLE_MS`; returns the events it wrote.
    ///
    /// Sending only after the assignment matters for presets with `auto.offset.reset=latest` (at-most-once),
    /// where a new group starts at the end of each partition.
    func run(_ settings: ServiceSettings, producing count: Int, on cluster: EmbeddedCluster) async throws -> EventLines {
        guard case .file(let path) = settings.events else { throw CancellationError() }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let events = try EventLog(destination: settings.events, service: ServiceSettings.serviceName, logger: logger)
        let application = Application(settings: settings, logger: logger, events: events)
        let service = Task { try await application.run(gracefulShutdownSignals: []) }
        let deadline = ContinuousClock.now + .seconds(30)
        while (try? EventLines(contentsOf: path).named("partitions_assigned").isEmpty) ?? true {
            guard ContinuousClock.now < deadline else {
                service.cancel()
                throw AssignmentTimeout()
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        // The consumer looks its starting offsets up just after the assignment; give it time to.
        try await Task.sleep(for: .seconds(1))
        try await produce(count, to: settings.inputTopics[0], on: cluster)
        try await service.value
        return try EventLines(contentsOf: path)
    }

    @Test("every record produced is processed, and the offsets are committed")
    func processesEveryRecord() async throws {
        let cluster = try EmbeddedCluster(brokers: 3)
        defer { cluster.shutdown() }
        let settings = try settings(for: cluster)
        let count = 300

        let lines = try await run(settings, producing: count, on: cluster)

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
        var settings = try settings(for: cluster)
        settings.failEvery = 10
        settings.retries = 2
        let count = 200

        let lines = try await run(settings, producing: count, on: cluster)

        let processed = Set(lines.named("record_data").compactMap { $0["value"] as? String })
        let deadLettered = Set(lines.named("dead_letter").compactMap { $0["value"] as? String })
        #expect(deadLettered.count == count / 10)
        #expect(processed.isDisjoint(with: deadLettered))
        #expect(processed.union(deadLettered) == Set((0..<count).map(String.init)))
        let parked = try await TopicReader.readAll(settings.deadLetterTopic, partitions: 1, from: cluster, logger: logger)
        #expect(Set(parked.compactMap(\.valueString)) == deadLettered)
        #expect(parked.allSatisfy { record in record.headers.contains { $0.name == "dlq.error" } })
    }
}

/// The worker got no partitions within 30 s.
struct AssignmentTimeout: Error, CustomStringConvertible {
    var description: String { "no partitions_assigned event within 30 s" }
}

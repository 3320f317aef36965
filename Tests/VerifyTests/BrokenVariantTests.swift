import Foundation
import EmbeddedKafka
import Kafka
import Testing
import Verify

@Suite("Deliberately broken services are caught with the right anomaly", .timeLimit(.minutes(2)))
struct BrokenVariantTests {
    @Test("a producer without idempotence reorders a key's records under retried errors; an idempotent one keeps order")
    func reorderingWithoutIdempotence() async throws {
        let folder = try SimulatedServices.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var results: [Bool: History] = [:]
        for idempotent in [false, true] {
            let cluster = try EmbeddedCluster(brokers: 3, logger: SimulatedServices.logger)
            defer { cluster.shutdown() }
            let topic = "orders"
            try cluster.createTopic(topic, partitions: 1, replicationFactor: 3)
            try cluster.setLeader(topic: topic, partition: 0, broker: 2)
            let path = folder.appendingPathComponent("producer-\(idempotent).jsonl").path
            let events = try EventLogWriter(path: path, service: "producer")
            var properties = ["acks": "all", "linger.ms": "2", "batch.num.messages": "20", "retry.backoff.ms": "30"]
            properties["enable.idempotence"] = idempotent ? "true" : "false"
            if !idempotent { properties["max.in.flight.requests.per.connection"] = "5" }
            try await SimulatedServices.produce(
                bootstrap: cluster.bootstrapServers, topic: topic, count: 2000, properties: properties, events: events
            ) { sequence in
                if sequence % 400 == 200 {
                    // One batch fails, answered late, so the batches sent behind it are written first and it
                    // is retried after them.
                    try cluster.pushBrokerRequestErrors(broker: 2, .produce, [.notLeaderForPartition], roundTripMs: 300)
                    try await Task.sleep(for: .milliseconds(20))
                }
            }
            events.close()
            let drain = await FinalDrain.run(bootstrapServers: cluster.bootstrapServers, topics: [topic], logger: SimulatedServices.logger)
            let read = EventLogReader.readFile(path, instance: "producer#1")
            #expect(read.diagnostics.isEmpty)
            results[idempotent] = History(events: read.events, drain: drain)
        }
        let broken = try #require(results[false])
        let reordered = HistoryChecker.orderViolations(in: broken)
        #expect(!reordered.isEmpty, "no reordering in \(broken.drain.records.count) records")
        #expect(reordered.allSatisfy { $0.kind == .orderViolation && $0.records.count == 2 })
        let verdict = HistoryChecker(assertions: [.perKeyOrder, .noLostWrites], cluster: .embedded, transactional: false).check(broken)
        #expect(verdict.outcomes.first { $0.name == "per-key-order" }?.status == .failed)
        #expect(verdict.outcomes.first { $0.name == "no-lost-writes" }?.status == .passed)

        let correct = try #require(results[true])
        #expect(HistoryChecker.anomalies(in: correct).isEmpty)
        #expect(correct.drain.records.count == 2000)
    }

    @Test("a producer without idempotence whose requests are answered too late writes duplicates")
    func duplicatesWithoutIdempotence() async throws {
        let folder = try SimulatedServices.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cluster = try EmbeddedCluster(brokers: 3, logger: SimulatedServices.logger)
        defer { cluster.shutdown() }
        try cluster.createTopic("orders", partitions: 1, replicationFactor: 3)
        try cluster.setLeader(topic: "orders", partition: 0, broker: 2)
        let path = folder.appendingPathComponent("producer.jsonl").path
        let events = try EventLogWriter(path: path, service: "producer")
        let properties = [
            "acks": "all", "linger.ms": "1", "enable.idempotence": "false", "socket.timeout.ms": "400", "retry.backoff.ms": "20",
        ]
        try await SimulatedServices.produce(
            bootstrap: cluster.bootstrapServers, topic: "orders", count: 300, properties: properties, events: events
        ) { sequence in
            if sequence == 150 {
                // The leader appends the next Produce but answers after the client gave up on it and resent it.
                // librdkafka scans for timed-out requests once a second, so the answer must come well after
                // socket.timeout.ms plus that second for the resend to happen every time.
                try cluster.pushBrokerRequestErrors(broker: 2, .produce, [.noError], roundTripMs: 4000)
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        events.close()
        let drain = await FinalDrain.run(bootstrapServers: cluster.bootstrapServers, topics: ["orders"], logger: SimulatedServices.logger)
        let history = History(events: EventLogReader.readFile(path, instance: "producer#1").events, drain: drain)
        let duplicates = HistoryChecker.duplicates(in: history)
        #expect(!duplicates.isEmpty, "no duplicate in \(drain.records.count) records")
        #expect(duplicates.allSatisfy { Set($0.records.map(\.value)).count == 1 && $0.records.count >= 2 })
        let claimed = HistoryChecker(assertions: [.noDuplicates, .noLostWrites], cluster: .embedded, transactional: false).check(history)
        #expect(claimed.outcomes.map(\.status) == [.passed, .failed])
        let unclaimed = HistoryChecker(assertions: [.noLostWrites], cluster: .embedded, transactional: false).check(history)
        #expect(unclaimed.outcomes.map(\.status) == [.passed])
        #expect(unclaimed.observations.contains { $0.kind == .duplicate })
    }

    @Test("a consumer that commits before processing and crashes loses the record: committed-ahead and unseen")
    func commitBeforeProcessing() async throws {
        let folder = try SimulatedServices.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cluster = try EmbeddedCluster(brokers: 3, logger: SimulatedServices.logger)
        defer { cluster.shutdown() }
        try cluster.createTopic("tasks", partitions: 2, replicationFactor: 3)
        let bootstrap = cluster.bootstrapServers
        let files = ["producer", "consumer-1", "consumer-2"].map { folder.appendingPathComponent("\($0).jsonl").path }
        let producer = try EventLogWriter(path: files[0], service: "producer")
        try await SimulatedServices.produce(
            bootstrap: bootstrap, topic: "tasks", count: 200, properties: ["acks": "all", "enable.idempotence": "true"], events: producer)
        producer.close()
        for (index, commitBeforeProcess) in [true, false].enumerated() {
            let events = try EventLogWriter(path: files[index + 1], service: "worker")
            try await SimulatedServices.consume(
                bootstrap: bootstrap, topic: "tasks", partitions: 2, group: "workers", events: events,
                commitBeforeProcess: commitBeforeProcess, ending: index == 0 ? .crash(atRecord: 60) : .caughtUp)
            events.close()
        }
        let drain = await FinalDrain.run(bootstrapServers: bootstrap, topics: ["tasks"], logger: SimulatedServices.logger)
        let events = zip(files, ["producer#1", "worker#1", "worker#2"]).flatMap { EventLogReader.readFile($0.0, instance: $0.1).events }
        let history = History(events: events, drain: drain)

        // Every commit of the buggy worker runs one record ahead of what it has processed.
        let ahead = HistoryChecker.committedAhead(in: history)
        #expect(ahead.count == 60)
        #expect(ahead.allSatisfy { $0.records.first?.instance == "worker#1" })
        let unseen = HistoryChecker.unseen(in: history)
        #expect(unseen.count == 1, "unseen: \(unseen.map(\.summary))")
        #expect(HistoryChecker.lostWrites(in: history).isEmpty)
        let committedOffset = try #require(ahead.last?.records.first?.offset)
        let lostRecord = try #require(unseen.first?.records.last)
        #expect(lostRecord.offset == committedOffset - 1, "the unprocessed record is the one whose last commit ran ahead")

        let verdict = HistoryChecker(assertions: [.noLostWrites, .committedNotAhead], cluster: .embedded, transactional: false).check(history)
        #expect(verdict.outcomes.map(\.status) == [.failed, .failed])
        #expect(verdict.outcomes.first?.anomalies.map(\.kind) == [.unseen])
    }
}

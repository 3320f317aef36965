import Foundation
import EmbeddedKafka
import Kafka
import Testing

/// The client's transactions against a broker that writes transaction markers (noida-db): what the embedded
/// cluster cannot show — read_committed isolation, offsets stored only with their transaction, fencing.
@Suite(
    "Transactions on noida-db",
    .serialized, .timeLimit(.minutes(3)),
    .enabled(if: NoidaBroker.shouldRun, "noida-db is not installed: run scripts/install-deps.sh (CI sets KAFKA_SKILL_REQUIRE_NOIDA=1 and fails instead)"))
struct NoidaTransactionTests {
    func transactionalProducer(_ broker: NoidaBroker, id: String) throws -> KafkaProducer {
        var config = try KafkaConfig(["linger.ms": "5", "transactional.id": id, "enable.idempotence": "true"])
        config.bootstrapServers = [broker.bootstrapServers]
        return try KafkaProducer(config: config, logger: TestCluster.logger)
    }

    func plainProducer(_ broker: NoidaBroker) throws -> KafkaProducer {
        var config = try KafkaConfig(["linger.ms": "5"])
        config.bootstrapServers = [broker.bootstrapServers]
        return try KafkaProducer(config: config, logger: TestCluster.logger)
    }

    func consumer(_ broker: NoidaBroker, group: String, isolation: String) throws -> KafkaConsumer {
        var config = try KafkaConfig([
            "group.id": group, "auto.offset.reset": "earliest", "enable.auto.commit": "false", "isolation.level": isolation,
        ])
        config.bootstrapServers = [broker.bootstrapServers]
        return try KafkaConsumer(config: config, logger: TestCluster.logger)
    }

    /// Reads partition 0 of `topic` from the beginning with `isolation` until the record `end` (written last,
    /// outside any transaction), and returns the values before it.
    func read(_ broker: NoidaBroker, topic: String, isolation: String, until end: String = "end") async throws -> [String] {
        let reader = try consumer(broker, group: TestCluster.unique("reader"), isolation: isolation)
        try reader.assign([KafkaTopicPartitionOffset(topic: topic, partition: 0, offset: KafkaOffset.beginning)])
        let values = await withTaskGroup(of: [String]?.self) { group in
            group.addTask {
                var values: [String] = []
                do {
                    for try await message in reader.messages {
                        let value = message.valueString ?? ""
                        if value == end { return values }
                        values.append(value)
                    }
                } catch {}
                return values
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(20))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        await reader.close()
        guard let values else {
            Issue.record("\(isolation) reader did not reach the end marker of \(topic) within 20 s")
            return []
        }
        return values
    }

    @Test("commit, abort, commit: read_committed reads the committed records only, read_uncommitted all of them")
    func isolation() async throws {
        let broker = try await NoidaBroker()
        defer { broker.stop() }
        let topic = TestCluster.unique("txn")
        try await broker.createTopic(topic, partitions: 1)
        let producer = try transactionalProducer(broker, id: TestCluster.unique("txn-id"))
        try await producer.withTransaction { txn in try await txn.send(KafkaProducerMessage(topic: topic, key: "k", value: "first")) }
        await #expect(throws: DeliberateFailure.self) {
            try await producer.withTransaction { txn in
                try await txn.send(KafkaProducerMessage(topic: topic, key: "k", value: "aborted"))
                // Written to the log before the abort (an abort purges what is still queued), so the abort
                // marker, not the client, must hide it.
                try await producer.flush(timeout: .seconds(10))
                throw DeliberateFailure()
            }
        }
        try await producer.withTransaction { txn in try await txn.send(KafkaProducerMessage(topic: topic, key: "k", value: "third")) }
        await producer.shutdown()
        let end = try plainProducer(broker)
        try await end.send(KafkaProducerMessage(topic: topic, key: "k", value: "end"))
        await end.shutdown()

        let committed = try await read(broker, topic: topic, isolation: "read_committed")
        #expect(committed == ["first", "third"])
        let uncommitted = try await read(broker, topic: topic, isolation: "read_uncommitted")
        #expect(uncommitted == ["first", "aborted", "third"])
    }

    @Test("an open transaction is invisible to read_committed readers until it commits")
    func openTransactionHidden() async throws {
        let broker = try await NoidaBroker()
        defer { broker.stop() }
        let topic = TestCluster.unique("open")
        try await broker.createTopic(topic, partitions: 1)
        let producer = try transactionalProducer(broker, id: TestCluster.unique("open-id"))
        let plain = try plainProducer(broker)
        try await producer.withTransaction { txn in
            try await txn.send(KafkaProducerMessage(topic: topic, key: "k", value: "inside"))
            try await producer.flush(timeout: .seconds(10))
            // Written after the open transaction's record: a read_committed reader stops at the last stable
            // offset, before both, until the transaction ends.
            try await plain.send(KafkaProducerMessage(topic: topic, key: "k", value: "probe"))
            let reader = try consumer(broker, group: TestCluster.unique("early"), isolation: "read_committed")
            try reader.assign([KafkaTopicPartitionOffset(topic: topic, partition: 0, offset: KafkaOffset.beginning)])
            let early = await firstValue(of: reader, within: .seconds(3))
            await reader.close()
            #expect(early == nil, "read_committed read \(early ?? "") while the transaction was open")
        }
        try await plain.send(KafkaProducerMessage(topic: topic, key: "k", value: "end"))
        await plain.shutdown()
        await producer.shutdown()
        #expect(try await read(broker, topic: topic, isolation: "read_committed") == ["inside", "probe"])
    }

    @Test("sendOffsets stores the group's input offsets with a committed transaction, and not with an aborted one")
    func offsetsCommitOnlyWithTheirTransaction() async throws {
        let broker = try await NoidaBroker()
        defer { broker.stop() }
        let input = TestCluster.unique("in")
        let output = TestCluster.unique("out")
        try await broker.createTopic(input, partitions: 1)
        try await broker.createTopic(output, partitions: 1)
        let seed = try plainProducer(broker)
        for index in 0..<6 { try await seed.send(KafkaProducerMessage(topic: input, key: nil, value: "\(index)")) }
        await seed.shutdown()

        let group = TestCluster.unique("copier")
        let copier = try consumer(broker, group: group, isolation: "read_committed")
        try copier.subscribe(topics: [input])
        let producer = try transactionalProducer(broker, id: TestCluster.unique("copier"))
        var copied = 0
        for try await message in copier.messages {
            if copied == 3 {
                // The fourth record's transaction aborts: neither its output nor its offset may be stored.
                await #expect(throws: DeliberateFailure.self) {
                    try await producer.withTransaction { txn in
                        try await txn.send(KafkaProducerMessage(topic: output, key: nil, value: "aborted-\(message.valueString ?? "")"))
                        try await txn.sendOffsets([message.nextOffset], consumer: copier)
                        throw DeliberateFailure()
                    }
                }
                break
            }
            try await producer.withTransaction { txn in
                try await txn.send(KafkaProducerMessage(topic: output, key: nil, value: "copy-\(message.valueString ?? "")"))
                try await txn.sendOffsets([message.nextOffset], consumer: copier)
            }
            copied += 1
        }
        let partition = KafkaTopicPartition(topic: input, partition: 0)
        let committed = try await copier.committed([partition])
        await copier.close()
        await producer.shutdown()
        #expect(committed.first?.offset == 3, "the group's committed offset after 3 committed and 1 aborted transaction")

        let end = try plainProducer(broker)
        try await end.send(KafkaProducerMessage(topic: output, key: nil, value: "end"))
        await end.shutdown()
        #expect(try await read(broker, topic: output, isolation: "read_committed") == ["copy-0", "copy-1", "copy-2"])
    }

    @Test("a second producer with the same transactional.id fences the first: its next transaction fails as fenced, fatally")
    func fencing() async throws {
        let broker = try await NoidaBroker()
        defer { broker.stop() }
        let topic = TestCluster.unique("fenced")
        try await broker.createTopic(topic, partitions: 1)
        let id = TestCluster.unique("fenced-id")
        let zombie = try transactionalProducer(broker, id: id)
        try await zombie.withTransaction { txn in try await txn.send(KafkaProducerMessage(topic: topic, key: nil, value: "zombie-1")) }
        let successor = try transactionalProducer(broker, id: id)
        try await successor.withTransaction { txn in try await txn.send(KafkaProducerMessage(topic: topic, key: nil, value: "successor-1")) }
        let error = await #expect(throws: KafkaError.self) {
            try await zombie.withTransaction { txn in try await txn.send(KafkaProducerMessage(topic: topic, key: nil, value: "zombie-2")) }
        }
        #expect(error?.isFatal == true)
        #expect(error?.classification == .fenced)
        await zombie.shutdown()
        await successor.shutdown()
        let end = try plainProducer(broker)
        try await end.send(KafkaProducerMessage(topic: topic, key: nil, value: "end"))
        await end.shutdown()
        #expect(try await read(broker, topic: topic, isolation: "read_committed") == ["zombie-1", "successor-1"])
    }

    /// The first value `consumer` reads within `limit`, or `nil`.
    private func firstValue(of consumer: KafkaConsumer, within limit: Duration) async -> String? {
        await withTaskGroup(of: String?.self) { group in
            group.addTask {
                do {
                    for try await message in consumer.messages { return message.valueString }
                } catch {}
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}

import EmbeddedKafka
import Kafka
import Testing

/// A marker the tests throw from a transaction body.
struct DeliberateFailure: Error {}

@Suite("Transactions", .timeLimit(.minutes(3)))
struct TransactionTests {
    func transactionalProducer(_ cluster: EmbeddedCluster, id: String) throws -> KafkaProducer {
        try KafkaProducer(
            config: TestCluster.producerConfig(cluster, ["transactional.id": id, "enable.idempotence": "true"]),
            logger: TestCluster.logger)
    }

    @Test("a committed transaction's messages are written; a throwing body aborts and the next transaction commits")
    func commitAndAbort() async throws {
        let cluster = try EmbeddedCluster(brokers: 3)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("txn")
        try cluster.createTopic(topic, partitions: 2)
        let producer = try transactionalProducer(cluster, id: TestCluster.unique("txn-id"))

        let sent = try await producer.withTransaction { txn in
            for index in 0..<10 { try await txn.send(KafkaProducerMessage(topic: topic, key: "k", value: "committed-\(index)")) }
            return 10
        }
        #expect(sent == 10)

        await #expect(throws: DeliberateFailure.self) {
            try await producer.withTransaction { txn in
                try await txn.send(KafkaProducerMessage(topic: topic, key: "k", value: "aborted"))
                throw DeliberateFailure()
            }
        }
        try await producer.withTransaction { txn in
            try await txn.send(KafkaProducerMessage(topic: topic, key: "k", value: "after-abort"))
        }
        await producer.shutdown()

        let values = try await TestCluster.drain(cluster, topic: topic, partitions: 2).compactMap(\.valueString)
        #expect(values.filter { $0.hasPrefix("committed-") }.count == 10)
        #expect(values.contains("after-abort"))
        // The embedded cluster writes no abort markers, so whether "aborted" is visible to read_committed
        // readers cannot be checked here (see README: needs a real cluster).
    }

    @Test("sendOffsets commits the consumer's input inside a consume-process-produce transaction")
    func consumeProcessProduce() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let input = TestCluster.unique("in")
        let output = TestCluster.unique("out")
        try cluster.createTopic(input, partitions: 1)
        try cluster.createTopic(output, partitions: 1)
        let seed = try KafkaProducer(config: TestCluster.producerConfig(cluster), logger: TestCluster.logger)
        for index in 0..<5 { try await seed.send(KafkaProducerMessage(topic: input, key: nil, value: "\(index)")) }
        await seed.shutdown()

        let consumer = try KafkaConsumer(
            config: TestCluster.consumerConfig(cluster, group: TestCluster.unique("copier"), ["isolation.level": "read_committed"]),
            logger: TestCluster.logger)
        try consumer.subscribe(topics: [input])
        let producer = try transactionalProducer(cluster, id: TestCluster.unique("copier"))
        var copied = 0
        for try await message in consumer.messages {
            try await producer.withTransaction { txn in
                try await txn.send(KafkaProducerMessage(topic: output, key: nil, value: "copy-\(message.valueString ?? "")"))
                try await txn.sendOffsets([message.nextOffset], consumer: consumer)
            }
            copied += 1
            if copied == 5 { break }
        }
        await producer.shutdown()
        await consumer.close()
        let values = try await TestCluster.drain(cluster, topic: output, partitions: 1).compactMap(\.valueString)
        #expect(values == (0..<5).map { "copy-\($0)" })
    }

    @Test("retriable EndTxn errors are retried until the commit succeeds")
    func retriableErrors() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("retriable")
        try cluster.createTopic(topic, partitions: 1)
        let producer = try transactionalProducer(cluster, id: TestCluster.unique("retriable"))
        try await producer.withTransaction { txn in try await txn.send(KafkaProducerMessage(topic: topic, key: nil, value: "warm-up")) }
        cluster.pushRequestErrors(.endTxn, [.coordinatorNotAvailable, .notCoordinator, .concurrentTransactions])
        try await producer.withTransaction { txn in try await txn.send(KafkaProducerMessage(topic: topic, key: nil, value: "retried")) }
        await producer.shutdown()
        let values = try await TestCluster.drain(cluster, topic: topic, partitions: 1).compactMap(\.valueString)
        #expect(values == ["warm-up", "retried"])
    }

    @Test("an abortable error aborts the transaction and reports requiresAbort; the producer carries on")
    func abortableError() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("abortable")
        try cluster.createTopic(topic, partitions: 1)
        let producer = try transactionalProducer(cluster, id: TestCluster.unique("abortable"))
        try await producer.withTransaction { txn in try await txn.send(KafkaProducerMessage(topic: topic, key: nil, value: "first")) }
        cluster.pushRequestErrors(.endTxn, [KafkaError.Code(rawValue: 49)])  // INVALID_PRODUCER_ID_MAPPING
        let error = await #expect(throws: KafkaError.self) {
            try await producer.withTransaction { txn in try await txn.send(KafkaProducerMessage(topic: topic, key: nil, value: "second")) }
        }
        #expect(error?.requiresAbort == true)
        #expect(error?.classification == .requiresAbort)
        #expect(error?.isFatal == false)
        try await producer.withTransaction { txn in try await txn.send(KafkaProducerMessage(topic: topic, key: nil, value: "third")) }
        await producer.shutdown()
    }

    @Test("a fencing error is fatal: withTransaction throws .fenced and the producer refuses further work")
    func fencedError() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("fenced")
        try cluster.createTopic(topic, partitions: 1)
        let producer = try transactionalProducer(cluster, id: TestCluster.unique("fenced"))
        try await producer.withTransaction { txn in try await txn.send(KafkaProducerMessage(topic: topic, key: nil, value: "first")) }
        cluster.pushRequestErrors(.endTxn, [.producerFenced])
        let error = await #expect(throws: KafkaError.self) {
            try await producer.withTransaction { txn in try await txn.send(KafkaProducerMessage(topic: topic, key: nil, value: "second")) }
        }
        #expect(error?.isFatal == true)
        #expect(error?.classification == .fenced)
        let again = await #expect(throws: KafkaError.self) {
            try await producer.withTransaction { _ in }
        }
        #expect(again?.isFatal == true)
        await producer.shutdown()
    }

    @Test("withTransaction on a producer without transactional.id says what to set")
    func notTransactional() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let producer = try KafkaProducer(config: TestCluster.producerConfig(cluster), logger: TestCluster.logger)
        let error = await #expect(throws: KafkaError.self) { try await producer.withTransaction { _ in } }
        #expect(error?.subject == "transactional.id")
        await producer.shutdown()
    }
}

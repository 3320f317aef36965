import EmbeddedKafka
import Kafka
import Synchronization
import Testing

/// Every public call after close (and while close runs) throws the closed error and never reaches librdkafka
/// with a released handle; run under AddressSanitizer (scripts/test.sh), a use after free fails these tests.
@Suite("Client lifecycle", .timeLimit(.minutes(3)))
struct LifecycleTests {
    /// Runs `body` and expects the closed error.
    func expectClosed(_ call: String, _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("\(call) after close did not throw")
        } catch let error as KafkaError {
            #expect(error.code == .destroy, "\(call): \(error)")
        } catch {
            Issue.record("\(call) threw \(error), not a KafkaError")
        }
    }

    /// Whether `body` either succeeded or threw the closed error (a call racing a close may do either).
    static func succeedsOrIsClosed(_ body: () async throws -> Void) async -> Bool {
        do {
            try await body()
            return true
        } catch let error as KafkaError {
            return error.code == .destroy || error.code == .timedOut
        } catch {
            return false
        }
    }

    @Test("producer: every call after shutdown throws the closed error")
    func producerAfterShutdown() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("closed-producer")
        let producer = try KafkaProducer(
            config: TestCluster.producerConfig(cluster, ["transactional.id": TestCluster.unique("tx")]), logger: TestCluster.logger)
        await producer.shutdown()
        await producer.shutdown()
        let message = KafkaProducerMessage(topic: topic, key: nil, value: "late")
        await expectClosed("send") { try await producer.send(message) }
        await expectClosed("enqueue") { try await producer.enqueue(message) }
        await expectClosed("flush") { try await producer.flush(timeout: .seconds(1)) }
        await expectClosed("outstandingMessageCount") { _ = try producer.outstandingMessageCount }
        await expectClosed("withTransaction") { try await producer.withTransaction { _ in } }
    }

    @Test("producer: calls racing shutdown succeed or throw the closed error, and shutdown completes")
    func producerConcurrentShutdown() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("racing-producer")
        try cluster.createTopic(topic, partitions: 1, replicationFactor: 1)
        let producer = try KafkaProducer(config: TestCluster.producerConfig(cluster), logger: TestCluster.logger)
        let unexpected = Counter()
        let message = KafkaProducerMessage(topic: topic, key: nil, value: "racing")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<4 {
                group.addTask {
                    for _ in 0..<200 {
                        let fine = await Self.succeedsOrIsClosed {
                            switch lane {
                            case 0: try await producer.enqueue(message)
                            case 1: try await producer.flush(timeout: .milliseconds(200))
                            case 2: _ = try producer.outstandingMessageCount
                            default: try await producer.send(message)
                            }
                        }
                        if !fine { unexpected.increment() }
                    }
                }
            }
            group.addTask {
                try await producer.enqueue(message)
                await producer.shutdown(timeout: .seconds(2))
            }
            group.addTask { await producer.shutdown(timeout: .seconds(2)) }
            try await group.waitForAll()
        }
        #expect(unexpected.value == 0)
        await expectClosed("enqueue") { try await producer.enqueue(message) }
    }

    @Test("consumer: every call after close throws the closed error, and messages ends")
    func consumerAfterClose() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("closed-consumer")
        try cluster.createTopic(topic, partitions: 1, replicationFactor: 1)
        let consumer = try KafkaConsumer(config: TestCluster.consumerConfig(cluster, group: TestCluster.unique("g")), logger: TestCluster.logger)
        let partition = KafkaTopicPartition(topic: topic, partition: 0)
        let offset = KafkaTopicPartitionOffset(topic: topic, partition: 0, offset: 1)
        let message = KafkaConsumerMessage(topic: topic, partition: 0, offset: 0, key: nil, value: nil)
        await consumer.close()
        await consumer.close()
        await expectClosed("subscribe") { try consumer.subscribe(topics: [topic]) }
        await expectClosed("assign") { try consumer.assign([offset]) }
        await expectClosed("assignment") { _ = try await consumer.assignment() }
        await expectClosed("memberId") { _ = try consumer.memberId }
        await expectClosed("commit(message)") { try await consumer.commit(message) }
        await expectClosed("commit(offsets)") { try await consumer.commit([offset]) }
        await expectClosed("commitStoredOffsets") { try await consumer.commitStoredOffsets() }
        await expectClosed("scheduleCommit") { try consumer.scheduleCommit(message) }
        await expectClosed("scheduleCommitOfStoredOffsets") { try consumer.scheduleCommitOfStoredOffsets() }
        await expectClosed("storeOffset") { try consumer.storeOffset(message) }
        await expectClosed("seek") { try await consumer.seek([offset]) }
        await expectClosed("rewindToCommitted") { try await consumer.rewindToCommitted() }
        await expectClosed("pause") { try consumer.pause([partition]) }
        await expectClosed("resume") { try consumer.resume([partition]) }
        await expectClosed("position") { _ = try consumer.position([partition]) }
        await expectClosed("committed") { _ = try await consumer.committed([partition]) }
        await expectClosed("watermarks") { _ = try await consumer.watermarks(topic: topic, partition: 0) }
        await expectClosed("lag") { _ = try await consumer.lag([partition]) }
        var iterator = consumer.messages.makeAsyncIterator()
        #expect(try await iterator.next() == nil)
    }

    @Test("consumer: calls racing close succeed or throw the closed error, and close completes")
    func consumerConcurrentClose() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("racing-consumer")
        try cluster.createTopic(topic, partitions: 2, replicationFactor: 1)
        let consumer = try KafkaConsumer(config: TestCluster.consumerConfig(cluster, group: TestCluster.unique("g")), logger: TestCluster.logger)
        let partitions = [KafkaTopicPartition(topic: topic, partition: 0), KafkaTopicPartition(topic: topic, partition: 1)]
        try consumer.assign(partitions.map { KafkaTopicPartitionOffset(topic: $0.topic, partition: $0.partition, offset: KafkaOffset.beginning) })
        let unexpected = Counter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<6 {
                group.addTask {
                    for _ in 0..<40 {
                        let fine = await Self.succeedsOrIsClosed {
                            switch lane {
                            case 0: _ = try consumer.position(partitions)
                            case 1: _ = try await consumer.committed(partitions, timeout: .seconds(2))
                            case 2: _ = try await consumer.watermarks(topic: topic, partition: 0, timeout: .seconds(2))
                            case 3: _ = try consumer.memberId
                            case 4: _ = try await consumer.assignment()
                            default: try consumer.pause(partitions)
                            }
                        }
                        if !fine { unexpected.increment() }
                    }
                }
            }
            group.addTask {
                for try await _ in consumer.messages {}
            }
            group.addTask { await consumer.close() }
            group.addTask { await consumer.close() }
            try await group.waitForAll()
        }
        #expect(unexpected.value == 0)
        await expectClosed("position") { _ = try consumer.position(partitions) }
    }

    @Test("admin: every call after close throws the closed error")
    func adminAfterClose() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let admin = try KafkaAdmin(config: TestCluster.producerConfig(cluster), logger: TestCluster.logger)
        _ = try await admin.metadata()
        await admin.close()
        await admin.close()
        let resource = KafkaConfigResource.topic("t")
        await expectClosed("metadata") { _ = try await admin.metadata() }
        await expectClosed("createTopics") { try await admin.createTopics([KafkaNewTopic(name: "t", partitions: 1, replicationFactor: 1)]) }
        await expectClosed("deleteTopics") { try await admin.deleteTopics(["t"]) }
        await expectClosed("describeConfigs") { _ = try await admin.describeConfigs(resource) }
        await expectClosed("alterConfigs") { try await admin.alterConfigs(resource, [:]) }
        await expectClosed("listConsumerGroups") { _ = try await admin.listConsumerGroups() }
        await expectClosed("describeConsumerGroups") { _ = try await admin.describeConsumerGroups(["g"]) }
        await expectClosed("consumerGroupOffsets") { _ = try await admin.consumerGroupOffsets(group: "g") }
    }

    @Test("admin: metadata calls racing close succeed or throw the closed error")
    func adminConcurrentClose() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let admin = try KafkaAdmin(config: TestCluster.producerConfig(cluster), logger: TestCluster.logger)
        let unexpected = Counter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    for _ in 0..<25 {
                        let fine = await Self.succeedsOrIsClosed { _ = try await admin.metadata(timeout: .seconds(2)) }
                        if !fine { unexpected.increment() }
                    }
                }
            }
            group.addTask { await admin.close() }
            await group.waitForAll()
        }
        #expect(unexpected.value == 0)
        await expectClosed("metadata") { _ = try await admin.metadata() }
    }

    @Test("transaction: calls after the transaction ended throw the closed error")
    func transactionAfterEnd() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("closed-tx")
        try cluster.createTopic(topic, partitions: 1, replicationFactor: 1)
        let producer = try KafkaProducer(
            config: TestCluster.producerConfig(cluster, ["transactional.id": TestCluster.unique("tx"), "enable.idempotence": "true"]),
            logger: TestCluster.logger)
        let consumer = try KafkaConsumer(config: TestCluster.consumerConfig(cluster, group: TestCluster.unique("g")), logger: TestCluster.logger)
        let escaped = try await producer.withTransaction { transaction in
            try await transaction.send(KafkaProducerMessage(topic: topic, key: nil, value: "inside"))
            return transaction
        }
        await expectClosed("send") { try await escaped.send(KafkaProducerMessage(topic: topic, key: nil, value: "late")) }
        await expectClosed("sendOffsets") {
            try await escaped.sendOffsets([KafkaTopicPartitionOffset(topic: topic, partition: 0, offset: 1)], consumer: consumer)
        }
        await consumer.close()
        await producer.shutdown()
    }

    @Test("a rebalance handler that calls close() completes the close once it returns; messages then ends")
    func handlerCloses() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("handler-close")
        try cluster.createTopic(topic, partitions: 1, replicationFactor: 1)
        let producer = try KafkaProducer(config: TestCluster.producerConfig(cluster), logger: TestCluster.logger)
        try await producer.send(KafkaProducerMessage(topic: topic, key: nil, value: "one"))
        await producer.shutdown()

        let consumer = try KafkaConsumer(config: TestCluster.consumerConfig(cluster, group: TestCluster.unique("g")), logger: TestCluster.logger)
        let kinds = Mutex<[KafkaRebalance.Kind]>([])
        let box = ConsumerBox(consumer)
        try consumer.subscribe(topics: [topic]) { rebalance in
            kinds.withLock { $0.append(rebalance.kind) }
            if rebalance.kind == .assigned { await box.consumer?.close() }
        }
        var received = 0
        for try await _ in consumer.messages { received += 1 }
        box.consumer = nil
        #expect(kinds.withLock { $0 }.first == .assigned)
        #expect(received <= 1)
        await expectClosed("position") { _ = try consumer.position([KafkaTopicPartition(topic: topic, partition: 0)]) }
        await consumer.close()
    }

    @Test("a second iterator of messages fails clearly while the first exists; a later one works")
    func secondIterator() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("second-iterator")
        try cluster.createTopic(topic, partitions: 1, replicationFactor: 1)
        let producer = try KafkaProducer(config: TestCluster.producerConfig(cluster), logger: TestCluster.logger)
        try await producer.send(KafkaProducerMessage(topic: topic, key: nil, value: "a"))
        let consumer = try KafkaConsumer(config: TestCluster.consumerConfig(cluster, group: TestCluster.unique("g")), logger: TestCluster.logger)
        try consumer.assign([KafkaTopicPartitionOffset(topic: topic, partition: 0, offset: KafkaOffset.beginning)])
        do {
            var first = consumer.messages.makeAsyncIterator()
            var second = consumer.messages.makeAsyncIterator()
            let error = await #expect(throws: KafkaError.self) { _ = try await second.next() }
            #expect(error?.code == .state)
            #expect(error?.message.contains("already being iterated") == true)
            #expect(try await first.next()?.valueString == "a")
        }
        // What the first iterator had read ahead went with it; a message sent now reaches the next iterator.
        try await producer.send(KafkaProducerMessage(topic: topic, key: nil, value: "b"))
        await producer.shutdown()
        var third = consumer.messages.makeAsyncIterator()
        #expect(try await third.next()?.valueString == "b")
        await consumer.close()
    }

    @Test("a slow reader of producer events holds enqueue back instead of buffering every report")
    func slowEventsReader() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("slow-reader")
        try cluster.createTopic(topic, partitions: 1, replicationFactor: 1)
        let queueLimit = 200
        let reportLimit = 100
        let (producer, events) = try KafkaProducer.makeProducerWithEvents(
            config: TestCluster.producerConfig(cluster, ["queue.buffering.max.messages": "\(queueLimit)", "linger.ms": "0"]),
            bufferedReportLimit: reportLimit, logger: TestCluster.logger)
        let total = 5_000
        let enqueued = Atomic<Int>(0)
        let sender = Task {
            for index in 0..<total {
                try await producer.enqueue(KafkaProducerMessage(topic: topic, key: nil, value: "\(index)"))
                enqueued.add(1, ordering: .relaxed)
            }
        }
        // Nobody reads: the sender must come to a stop with librdkafka's queue full of reported messages.
        let deadline = ContinuousClock.now + .seconds(20)
        while try producer.outstandingMessageCount < queueLimit || enqueued.load(ordering: .relaxed) < reportLimit {
            try #require(ContinuousClock.now < deadline, "the producer never filled its queue")
            try await Task.sleep(for: .milliseconds(5))
        }
        // At most the reports buffered for the reader, one batch beyond them, and a full queue.
        let bound = reportLimit + 2 * queueLimit
        #expect(enqueued.load(ordering: .relaxed) <= bound)
        var acknowledged = 0
        for await event in events {
            if case .deliveryReports(let reports) = event { acknowledged += reports.filter(\.isAcknowledged).count }
            if acknowledged == total { break }
        }
        try await sender.value
        #expect(acknowledged == total)
        await producer.shutdown()
    }
}

/// Lets a rebalance handler reach its consumer without the handler keeping it alive.
final class ConsumerBox: @unchecked Sendable {
    // `@unchecked Sendable`: written before the handler can run and after the loop ended.
    var consumer: KafkaConsumer?
    init(_ consumer: KafkaConsumer) { self.consumer = consumer }
}

/// A count shared by concurrent tasks.
final class Counter: Sendable {
    private let count = Atomic<Int>(0)
    func increment() { count.add(1, ordering: .relaxed) }
    var value: Int { count.load(ordering: .relaxed) }
}

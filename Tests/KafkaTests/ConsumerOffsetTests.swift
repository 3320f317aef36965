import EmbeddedKafka
import Kafka
import Testing

@Suite("Consumer positions, commits, seeks and lag", .timeLimit(.minutes(2)))
struct ConsumerOffsetTests {
    @Test("commit, committed, position, watermarks, lag, seek, pause and resume agree with each other")
    func offsets() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("offsets")
        try cluster.createTopic(topic, partitions: 1)
        let producer = try KafkaProducer(config: TestCluster.producerConfig(cluster), logger: TestCluster.logger)
        for index in 0..<10 { try await producer.enqueue(KafkaProducerMessage(topic: topic, key: nil, value: "\(index)")) }
        try await producer.flush()
        await producer.shutdown()

        let partition = KafkaTopicPartition(topic: topic, partition: 0)
        let consumer = try KafkaConsumer(
            config: TestCluster.consumerConfig(cluster, group: TestCluster.unique("offsets"), ["enable.auto.offset.store": "false"]),
            logger: TestCluster.logger)
        try consumer.assign([KafkaTopicPartitionOffset(topic: topic, partition: 0, offset: KafkaOffset.beginning)])
        #expect(try await consumer.assignment() == [partition])
        let marks = try await consumer.watermarks(topic: topic, partition: 0)
        #expect(marks.low == 0 && marks.high == 10)
        #expect(try await consumer.lag([partition]) == [partition: 10])

        var iterator = consumer.messages.makeAsyncIterator()
        var read: [KafkaConsumerMessage] = []
        while read.count < 4, let message = try await iterator.next() { read.append(message) }
        try consumer.storeOffset(read[1])
        try await consumer.commitStoredOffsets()
        #expect(try await consumer.committed([partition]).first?.offset == 2, "stored offsets commit what was stored")
        #expect(try consumer.position([partition]).first?.offset == 4, "the position follows what the loop received")

        try await consumer.commit(read[3])
        #expect(try await consumer.committed([partition]).first?.offset == 4)
        #expect(try await consumer.lag([partition]) == [partition: 6])

        try await consumer.seek([KafkaTopicPartitionOffset(topic: topic, partition: 0, offset: 7)])
        #expect(try consumer.position([partition]).first?.offset == 7, "messages read ahead before the seek no longer count")
        let next = try #require(try await iterator.next())
        #expect(next.offset == 7 && next.valueString == "7", "the next message is the one sought, not one read ahead before")
        #expect(try consumer.position([partition]).first?.offset == 8)

        try consumer.pause([partition])
        try consumer.resume([partition])
        let afterResume = try #require(try await iterator.next())
        #expect(afterResume.offset == 8)

        try consumer.scheduleCommit(afterResume)
        try await waitUntil("the background commit lands") { try await consumer.committed([partition]).first?.offset == 9 }
        await consumer.close()
        await #expect(throws: KafkaError.self) { try await consumer.commit(afterResume) }
    }

    @Test("rewinding to committed offsets: a committed partition goes back to its commit, one without a commit to where auto.offset.reset says")
    func rewindToCommitted() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("rewind")
        try cluster.createTopic(topic, partitions: 2)
        let producer = try KafkaProducer(config: TestCluster.producerConfig(cluster), logger: TestCluster.logger)
        for index in 0..<20 {
            try await producer.enqueue(KafkaProducerMessage(topic: topic, partition: Int32(index % 2), key: nil, value: "\(index)"))
        }
        try await producer.flush()
        await producer.shutdown()
        let consumer = try KafkaConsumer(
            config: TestCluster.consumerConfig(cluster, group: TestCluster.unique("rewind"), ["auto.offset.reset": "earliest"]),
            logger: TestCluster.logger)
        try consumer.assign([0, 1].map { KafkaTopicPartitionOffset(topic: topic, partition: $0, offset: KafkaOffset.beginning) })
        var iterator = consumer.messages.makeAsyncIterator()
        var read: [KafkaConsumerMessage] = []
        while !read.contains(where: { $0.partition == 0 && $0.offset == 3 }), let message = try await iterator.next() {
            read.append(message)
        }
        let committedMessage = try #require(read.last)
        try await consumer.commit(committedMessage)

        // Messages read ahead before the rewind are not handed out after it.
        try await consumer.rewindToCommitted()
        let partitions = [0, 1].map { KafkaTopicPartition(topic: topic, partition: $0) }
        #expect(try consumer.position(partitions).first?.offset == 4)
        var again: [Int32: Int64] = [:]
        while again.count < 2, let message = try await iterator.next() {
            if again[message.partition] == nil { again[message.partition] = message.offset }
        }
        #expect(again == [0: 4, 1: 0])
        await consumer.close()
    }

    @Test("a seek inside the rebalance handler takes effect without blocking the poll that runs the handler")
    func seekInRebalanceHandler() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("seek-assign")
        try cluster.createTopic(topic, partitions: 1)
        let producer = try KafkaProducer(config: TestCluster.producerConfig(cluster), logger: TestCluster.logger)
        for index in 0..<10 { try await producer.enqueue(KafkaProducerMessage(topic: topic, key: nil, value: "\(index)")) }
        try await producer.flush()
        await producer.shutdown()
        let consumer = try KafkaConsumer(
            config: TestCluster.consumerConfig(cluster, group: TestCluster.unique("seek-assign")), logger: TestCluster.logger)
        try consumer.subscribe(topics: [topic]) { rebalance in
            guard rebalance.kind == .assigned, rebalance.partitions.contains(KafkaTopicPartition(topic: topic, partition: 0)) else { return }
            do {
                try await rebalance.seek(KafkaTopicPartitionOffset(topic: topic, partition: 0, offset: 6))
            } catch {
                Issue.record("seek in the handler failed: \(error)")
            }
        }
        var iterator = consumer.messages.makeAsyncIterator()
        let first = try #require(try await iterator.next())
        #expect(first.offset == 6 && first.valueString == "6")
        await consumer.close()
    }

    @Test("with automatic commits, only messages the loop received are committed, not the batch read ahead")
    func autoCommitCoversOnlyHandedOutMessages() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("auto")
        try cluster.createTopic(topic, partitions: 1)
        let producer = try KafkaProducer(config: TestCluster.producerConfig(cluster), logger: TestCluster.logger)
        for index in 0..<50 { try await producer.enqueue(KafkaProducerMessage(topic: topic, key: nil, value: "\(index)")) }
        try await producer.flush()
        await producer.shutdown()
        let group = TestCluster.unique("auto")
        let consumer = try KafkaConsumer(
            config: TestCluster.consumerConfig(cluster, group: group, ["enable.auto.commit": "true", "auto.commit.interval.ms": "100"]),
            logger: TestCluster.logger)
        try consumer.subscribe(topics: [topic])
        var iterator = consumer.messages.makeAsyncIterator()
        for _ in 0..<10 { _ = try await iterator.next() }
        let partition = KafkaTopicPartition(topic: topic, partition: 0)
        try await consumer.commitStoredOffsets()
        #expect(try await consumer.committed([partition]).first?.offset == 10)
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await consumer.committed([partition]).first?.offset == 10, "the 40 messages read ahead stay uncommitted")
        await consumer.close()
    }
}

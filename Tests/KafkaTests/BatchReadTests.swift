import EmbeddedKafka
import Kafka
import Synchronization
import Testing

/// The consumer reads a backlog many messages per librdkafka call; these tests move partitions under those
/// reads (pause and resume, members joining and leaving) and check that nothing is skipped.
@Suite("Batch reads under pauses and rebalances", .timeLimit(.minutes(3)), .serialized)
struct BatchReadTests {
    @Test("pausing and resuming a partition over and over while its backlog is read skips and repeats nothing")
    func pauseResumeChurn() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("pause-churn")
        try cluster.createTopic(topic, partitions: 2)
        let total = 40_000
        let producer = try KafkaProducer(config: TestCluster.producerConfig(cluster), logger: TestCluster.logger)
        for index in 0..<total {
            try await producer.enqueue(KafkaProducerMessage(topic: topic, partition: Int32(index % 2), value: [UInt8(index % 251)]))
        }
        try await producer.flush()
        await producer.shutdown()

        let consumer = try KafkaConsumer(config: TestCluster.consumerConfig(cluster, group: TestCluster.unique("pause")), logger: TestCluster.logger)
        try consumer.assign((0..<2).map { KafkaTopicPartitionOffset(topic: topic, partition: $0, offset: KafkaOffset.beginning) })
        let toggled = Atomic<Int>(0)
        let reading = Atomic<Bool>(true)
        // Pauses and resumes partition 0 every few milliseconds while the loop below reads both partitions
        // (each resume restarts its fetch, so it needs a moment resumed to make progress).
        let toggler = Task.detached {
            let partition = [KafkaTopicPartition(topic: topic, partition: 0)]
            while reading.load(ordering: .relaxed) {
                try consumer.pause(partition)
                try await Task.sleep(for: .microseconds(500))
                try consumer.resume(partition)
                toggled.add(1, ordering: .relaxed)
                try await Task.sleep(for: .milliseconds(3))
            }
        }
        var next: [Int32: Int64] = [0: 0, 1: 0]
        var problems: [String] = []
        var read = 0
        for try await message in consumer.messages {
            if message.offset != next[message.partition] {
                problems.append("partition \(message.partition): offset \(message.offset) where \(next[message.partition]!) was next")
            }
            next[message.partition] = message.offset + 1
            read += 1
            if read == total || problems.count > 10 { break }
        }
        reading.store(false, ordering: .relaxed)
        try await toggler.value
        await consumer.close()
        #expect(problems.isEmpty, "\(problems)")
        #expect(read == total)
        #expect(toggled.load(ordering: .relaxed) > 100, "the partition was paused and resumed while the backlog was read")
    }

    @Test("a pause right after assign applies to the new assignment, which takes effect off the caller's thread")
    func pauseRightAfterAssign() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("assign-pause")
        try cluster.createTopic(topic, partitions: 2)
        let producer = try KafkaProducer(config: TestCluster.producerConfig(cluster), logger: TestCluster.logger)
        for index in 0..<200 {
            try await producer.enqueue(KafkaProducerMessage(topic: topic, partition: Int32(index % 2), value: [UInt8(index)]))
        }
        try await producer.flush()
        await producer.shutdown()

        let consumer = try KafkaConsumer(config: TestCluster.consumerConfig(cluster, group: TestCluster.unique("assign-pause")), logger: TestCluster.logger)
        try consumer.assign((0..<2).map { KafkaTopicPartitionOffset(topic: topic, partition: $0, offset: KafkaOffset.beginning) })
        let paused = [KafkaTopicPartition(topic: topic, partition: 0)]
        try consumer.pause(paused)
        var read: [KafkaConsumerMessage] = []
        for try await message in consumer.messages {
            read.append(message)
            if read.count == 100 { try consumer.resume(paused) }
            if read.count == 200 { break }
        }
        await consumer.close()
        #expect(read.prefix(100).allSatisfy { $0.partition == 1 }, "partition 0 was read while paused")
        #expect(read.filter { $0.partition == 0 }.map(\.offset) == Array(0..<100))
    }

    @Test(
        "members joining and leaving while a backlog is read: every message delivered, none after its commit",
        arguments: [KafkaConfig.AssignmentStrategy.range, .cooperativeSticky])
    func membershipChurnDuringBacklog(strategy: KafkaConfig.AssignmentStrategy) async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("churn")
        let group = TestCluster.unique("churners")
        let partitions = 6
        let total = 30_000
        try cluster.createTopic(topic, partitions: partitions)
        let producer = try KafkaProducer(config: TestCluster.producerConfig(cluster), logger: TestCluster.logger)
        for index in 0..<total {
            try await producer.enqueue(KafkaProducerMessage(topic: topic, partition: Int32(index % partitions), value: [UInt8(index % 251)]))
        }
        try await producer.flush()
        await producer.shutdown()

        let log = GroupLog()
        // The members process slowly until the membership changes below are done, so the backlog outlasts them.
        let slow = Switch()
        func member(_ id: Int) throws -> (KafkaConsumer, Task<Void, any Error>) {
            let processed = ProcessedOffsets()
            let consumer = try KafkaConsumer(
                config: TestCluster.consumerConfig(cluster, group: group, [
                    "enable.auto.offset.store": "false",
                    "partition.assignment.strategy": strategy.rawValue,
                    "session.timeout.ms": "6000",
                    "heartbeat.interval.ms": "500",
                ]),
                logger: TestCluster.logger)
            try consumer.subscribe(topics: [topic], onRebalance: log.commitOnRevoke(member: id, topic: topic, processed: processed))
            let loop = Task {
                var count = 0
                for try await message in consumer.messages {
                    log.deliver(id, message)
                    processed.next.withLock { $0[message.partition] = message.offset + 1 }
                    count += 1
                    if count % 5 == 0, slow.isOn.load(ordering: .relaxed) { try await Task.sleep(for: .milliseconds(25)) }
                }
            }
            return (consumer, loop)
        }
        let distinct = { Set(log.deliveries.withLock { $0 }.map { "\($0.partition)@\($0.offset)" }).count }
        let (first, firstLoop) = try member(0)
        try await waitUntil("the first member reads part of the backlog") { distinct() >= 2_000 }
        let (second, secondLoop) = try member(1)
        try await waitUntil("the second member owns partitions") { log.owners.withLock { $0.values.contains(1) } }
        let (third, thirdLoop) = try member(2)
        try await waitUntil("the third member owns partitions") { log.owners.withLock { $0.values.contains(2) } }
        // The second member leaves while the backlog is still being read; its revoke handler commits.
        secondLoop.cancel()
        await second.close()
        #expect(distinct() < total, "the backlog outlasted the membership changes")
        slow.isOn.store(false, ordering: .relaxed)
        try await waitUntil("every message is delivered", timeout: .seconds(90)) { distinct() >= total }

        let deliveries = log.deliveries.withLock { $0 }
        var byPartition: [Int32: Set<Int64>] = [:]
        for delivery in deliveries { byPartition[delivery.partition, default: []].insert(delivery.offset) }
        for partition in 0..<Int32(partitions) {
            let offsets = byPartition[partition] ?? []
            #expect(offsets == Set(0..<Int64(total / partitions)), "partition \(partition): \(offsets.count) distinct offsets")
        }
        #expect(log.committedRedeliveries.withLock { $0 }.isEmpty, "committed messages redelivered: \(log.committedRedeliveries.withLock { $0.prefix(10) })")
        // Ownership is not checked here: on a loaded machine the leaving member's close may record its revoke
        // after the others were assigned (ConsumerGroupTests checks ownership with members at full speed).
        for loop in [firstLoop, thirdLoop] { loop.cancel() }
        for consumer in [first, third] { await consumer.close() }
    }
}

/// A flag several tasks read.
private final class Switch: Sendable {
    let isOn = Atomic<Bool>(true)
}

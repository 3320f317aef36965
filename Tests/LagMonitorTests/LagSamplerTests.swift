import EmbeddedKafka
import Kafka
import Testing

@testable import LagMonitor

/// The sampler against a live group on the embedded cluster: offsets committed by the group's consumer,
/// watermarks from records actually produced.
@Suite struct LagSamplerTests {
    @Test(.timeLimit(.minutes(2)))
    func reportsCommittedOffsetsWatermarksAndBurrowStatusOfALiveGroup() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        try cluster.createTopic("lag-events", partitions: 4)
        var producerConfig = try KafkaConfig(["linger.ms": "1"])
        producerConfig.bootstrapServers = [cluster.bootstrapServers]
        let producer = try KafkaProducer(config: producerConfig)
        for partition in Int32(0)..<4 {
            for index in 0..<(10 * Int(partition + 1)) {
                _ = try await producer.send(KafkaProducerMessage(topic: "lag-events", partition: partition, key: nil, value: "\(index)"))
            }
        }
        await producer.shutdown()

        var consumerConfig = try KafkaConfig(["group.id": "lag-group", "enable.auto.commit": "false"])
        consumerConfig.bootstrapServers = [cluster.bootstrapServers]
        let member = try KafkaConsumer(config: consumerConfig)
        func commit(_ offsets: [Int64]) async throws {
            try await member.commit(offsets.enumerated().map { KafkaTopicPartitionOffset(topic: "lag-events", partition: Int32($0.offset), offset: $0.element) })
        }
        // Partitions 0..3 hold 10, 20, 30, 40 records; partition 3 gets no commit.
        try await commit([4, 20, 5])

        let sampler = try LagSampler(bootstrapServers: [cluster.bootstrapServers], group: "lag-group")
        var tracker = LagTracker(windowSize: 3)
        let first = try await sampler.sample()
        #expect(first.count == 3)
        #expect(first[KafkaTopicPartition(topic: "lag-events", partition: 0)] == PartitionOffsets(committed: 4, highWatermark: 10))
        #expect(first[KafkaTopicPartition(topic: "lag-events", partition: 1)] == PartitionOffsets(committed: 20, highWatermark: 20))
        #expect(first[KafkaTopicPartition(topic: "lag-events", partition: 2)] == PartitionOffsets(committed: 5, highWatermark: 30))
        tracker.record(first, atMs: 0)
        let one = tracker.report(group: "lag-group", nowMs: 0)
        #expect(one.totalLag == 6 + 0 + 25)
        #expect(one.status == .ok)

        // Partition 0 catches up, partition 2 stays stuck: STALL there, ERR for the group.
        try await commit([7, 20, 5])
        tracker.record(try await sampler.sample(), atMs: 1000)
        try await commit([9, 20, 5])
        tracker.record(try await sampler.sample(), atMs: 2000)
        let three = tracker.report(group: "lag-group", nowMs: 2000)
        #expect(three.partitions.map(\.status) == [.ok, .ok, .stall])
        #expect(three.partitions.map(\.lag) == [1, 0, 25])
        #expect(three.status == .err)
        #expect(three.text.contains("group lag-group: ERR (worst partition: STALL)"))

        // Everything consumed: OK.
        try await commit([10, 20, 30])
        tracker.record(try await sampler.sample(), atMs: 3000)
        let done = tracker.report(group: "lag-group", nowMs: 3000)
        #expect(done.status == .ok && done.totalLag == 0)
        #expect(done.json.contains("\"status\":\"OK\""))
        await sampler.close()
        await member.close()
    }
}

import EmbeddedKafka
import Kafka
import Testing

/// Blocking librdkafka calls against a partition whose leader is down: they end within their timeout, and
/// while they wait, other calls still run.
@Suite("Blocking calls with a broker down", .timeLimit(.minutes(2)))
struct BlockingCallTests {
    /// A 3-broker cluster with partition 0 led by broker 2 (about to go down), partition 1 by broker 1, the
    /// group coordinated by broker 1, and a consumer that has already seen both partitions' leaders.
    func setUp() async throws -> (EmbeddedCluster, KafkaConsumer, String) {
        let cluster = try EmbeddedCluster(brokers: 3)
        let topic = TestCluster.unique("blocking")
        let group = TestCluster.unique("blocking")
        try cluster.createTopic(topic, partitions: 2, replicationFactor: 3)
        try cluster.setLeader(topic: topic, partition: 0, broker: 2)
        try cluster.setLeader(topic: topic, partition: 1, broker: 1)
        try cluster.setCoordinator(kind: "group", key: group, broker: 1)
        let consumer = try KafkaConsumer(config: TestCluster.consumerConfig(cluster, group: group), logger: TestCluster.logger)
        for partition: Int32 in 0...1 {
            let marks = try await consumer.watermarks(topic: topic, partition: partition)
            #expect(marks.low == 0 && marks.high == 0)
        }
        return (cluster, consumer, topic)
    }

    @Test("watermarks and lag of a partition whose leader is down fail within the timeout")
    func boundedWatermarks() async throws {
        let (cluster, consumer, topic) = try await setUp()
        defer { cluster.shutdown() }
        try cluster.setBrokerDown(2)

        var start = ContinuousClock.now
        let error = await #expect(throws: KafkaError.self) {
            try await consumer.watermarks(topic: topic, partition: 0, timeout: .seconds(2))
        }
        var elapsed = ContinuousClock.now - start
        #expect(elapsed < .seconds(5), "the watermark query returned after \(elapsed)")
        #expect(error?.code == .timedOut, "\(String(describing: error))")

        start = ContinuousClock.now
        await #expect(throws: KafkaError.self) {
            try await consumer.lag([KafkaTopicPartition(topic: topic, partition: 0)], timeout: .seconds(2))
        }
        elapsed = ContinuousClock.now - start
        #expect(elapsed < .seconds(7), "the lag query returned after \(elapsed)")

        try cluster.setBrokerUp(2)
        try await waitUntil("the leader answers again") {
            (try? await consumer.watermarks(topic: topic, partition: 0, timeout: .seconds(2))) != nil
        }
        await consumer.close()
    }

    @Test("calls stuck on a down leader neither queue behind each other nor hold up a call to a healthy one")
    func noStarvation() async throws {
        let (cluster, consumer, topic) = try await setUp()
        defer { cluster.shutdown() }
        try cluster.setBrokerDown(2)

        // More calls than Dispatch's worker pool runs at once on a small machine.
        let stuckStart = ContinuousClock.now
        let stuck = (0..<32).map { _ in
            Task { try? await consumer.watermarks(topic: topic, partition: 0, timeout: .seconds(4)) }
        }
        try await Task.sleep(for: .milliseconds(300))
        let start = ContinuousClock.now
        let healthy = try await consumer.watermarks(topic: topic, partition: 1, timeout: .seconds(10))
        let elapsed = ContinuousClock.now - start
        #expect(healthy.high == 0)
        #expect(elapsed < .milliseconds(1500), "a call to a healthy leader waited \(elapsed) behind calls to a down one")
        for task in stuck { _ = await task.value }
        let stuckElapsed = ContinuousClock.now - stuckStart
        #expect(stuckElapsed < .seconds(9), "32 calls with a 4 s timeout took \(stuckElapsed) together: they waited in line")
        await consumer.close()
    }
}

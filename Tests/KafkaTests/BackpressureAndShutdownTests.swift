import EmbeddedKafka
import Kafka
import Synchronization
import Testing

@Suite("Backpressure and shutdown", .timeLimit(.minutes(2)))
struct BackpressureAndShutdownTests {
    @Test("a full local queue suspends enqueue until deliveries make room; nothing is dropped")
    func fullQueueSuspends() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("backpressure")
        try cluster.createTopic(topic, partitions: 1, replicationFactor: 1)
        let (producer, events) = try KafkaProducer.makeProducerWithEvents(
            config: TestCluster.producerConfig(cluster, ["queue.buffering.max.messages": "10", "linger.ms": "0"]),
            logger: TestCluster.logger)
        try await producer.send(KafkaProducerMessage(topic: topic, key: nil, value: "warm-up"))
        try cluster.setBrokerDown(1)

        let enqueued = Atomic<Int>(0)
        let sender = Task {
            for index in 0..<30 {
                try await producer.enqueue(KafkaProducerMessage(topic: topic, key: nil, value: "\(index)"))
                enqueued.add(1, ordering: .relaxed)
            }
        }
        try await Task.sleep(for: .seconds(1))
        let whileDown = enqueued.load(ordering: .relaxed)
        #expect(whileDown <= 10, "enqueue kept going past the 10-message queue: \(whileDown)")
        #expect(whileDown < 30)

        try cluster.setBrokerUp(1)
        try await sender.value
        try await producer.flush()
        await producer.shutdown()
        var acknowledged = 0
        for await event in events {
            if case .deliveryReports(let reports) = event { acknowledged += reports.filter(\.isAcknowledged).count }
        }
        #expect(acknowledged == 30)
        let values = try await TestCluster.drain(cluster, topic: topic, partitions: 1).compactMap(\.valueString)
        #expect(values == ["warm-up"] + (0..<30).map(String.init))
    }

    @Test("shutdown with undeliverable messages ends in bounded time and reports every one of them")
    func shutdownReportsEverything() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("undeliverable")
        try cluster.createTopic(topic, partitions: 1, replicationFactor: 1)
        let (producer, events) = try KafkaProducer.makeProducerWithEvents(config: TestCluster.producerConfig(cluster), logger: TestCluster.logger)
        try await producer.send(KafkaProducerMessage(topic: topic, key: nil, value: "warm-up"))
        try cluster.setBrokerDown(1)
        for index in 0..<50 { try await producer.enqueue(KafkaProducerMessage(topic: topic, key: nil, value: "\(index)")) }
        let awaited = Task { try await producer.send(KafkaProducerMessage(topic: topic, key: nil, value: "awaited")) }

        let start = ContinuousClock.now
        await producer.shutdown(timeout: .seconds(1))
        #expect(ContinuousClock.now - start < .seconds(10))
        var failed: [KafkaError.Code] = []
        for await event in events {
            if case .deliveryReports(let reports) = event { failed += reports.compactMap(\.error?.code) }
        }
        #expect(failed.count == 50)
        #expect(failed.allSatisfy { $0 == .purgeQueue || $0 == .purgeInFlight })
        let error = await #expect(throws: KafkaError.self) { try await awaited.value }
        #expect(error?.code == .purgeQueue || error?.code == .purgeInFlight || error?.code == .destroy)
    }
}

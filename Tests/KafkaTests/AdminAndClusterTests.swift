import EmbeddedKafka
import Kafka
import Testing

@Suite("Admin client and the embedded cluster", .timeLimit(.minutes(2)))
struct AdminAndClusterTests {
    @Test("metadata reports brokers, partitions, leaders, replicas and ISR, and recognises the embedded cluster")
    func metadata() async throws {
        let cluster = try EmbeddedCluster(brokers: 3)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("meta")
        try cluster.createTopic(topic, partitions: 4, replicationFactor: 3)
        let admin = try KafkaAdmin(config: TestCluster.producerConfig(cluster), logger: TestCluster.logger)
        let metadata = try await admin.metadata()
        #expect(metadata.brokers.map(\.id) == [1, 2, 3])
        #expect(metadata.isEmbeddedCluster)
        let described = try #require(metadata.topics.first { $0.name == topic })
        #expect(described.partitions.map(\.id) == [0, 1, 2, 3])
        for partition in described.partitions {
            #expect((1...3).contains(partition.leader))
            #expect(partition.replicas.count == 3)
            #expect(partition.isr.count == 3)
            #expect(!partition.isUnderReplicated)
        }
        await admin.close()
    }

    @Test("admin operations on the embedded cluster report the broker's answer: no special case in KafkaAdmin")
    func adminReportsTheBrokersAnswer() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let admin = try KafkaAdmin(config: TestCluster.producerConfig(cluster), logger: TestCluster.logger)
        // librdkafka's mock answers no CreateTopics or DescribeConfigs: the call fails within its timeout with
        // the client's error, which callers (the CLI, tests) interpret; it is not dressed up as something else.
        let create = await #expect(throws: KafkaError.self) {
            try await admin.createTopics([KafkaNewTopic(name: "orders", partitions: 3, replicationFactor: 1)], timeout: .seconds(2))
        }
        #expect(create?.message.contains("kafka-skill") == false)
        await #expect(throws: KafkaError.self) { try await admin.describeConfigs(.topic("orders"), timeout: .seconds(2)) }
        await admin.close()
    }

    @Test("leader moves and broker outages are visible in metadata and survived by a producer")
    func faults() async throws {
        let cluster = try EmbeddedCluster(brokers: 3)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("faults")
        try cluster.createTopic(topic, partitions: 1, replicationFactor: 3)
        try cluster.setLeader(topic: topic, partition: 0, broker: 2)
        let admin = try KafkaAdmin(config: TestCluster.producerConfig(cluster), logger: TestCluster.logger)
        try await waitUntil("the leader moves to broker 2") {
            try await admin.metadata().topics.first { $0.name == topic }?.partitions.first?.leader == 2
        }
        await admin.close()

        let producer = try KafkaProducer(config: TestCluster.producerConfig(cluster, ["enable.idempotence": "true"]), logger: TestCluster.logger)
        try await producer.send(KafkaProducerMessage(topic: topic, key: nil, value: "before"))
        try cluster.setBrokerDown(2)
        #expect(cluster.downBrokers == [2])
        let pending = Task { try await producer.send(KafkaProducerMessage(topic: topic, key: nil, value: "during")) }
        try await waitUntil("the message waits for the down broker") { try producer.outstandingMessageCount >= 1 }
        try cluster.setBrokerUp(2)
        _ = try await pending.value
        try cluster.setRoundTripTime(broker: 2, milliseconds: 200)
        let slowStart = ContinuousClock.now
        try await producer.send(KafkaProducerMessage(topic: topic, key: nil, value: "slow"))
        #expect(ContinuousClock.now - slowStart >= .milliseconds(150))
        await producer.shutdown()
        let values = try await TestCluster.drain(cluster, topic: topic, partitions: 1).compactMap(\.valueString)
        #expect(values == ["before", "during", "slow"])
    }

    @Test("invalid cluster arguments are refused with the allowed range")
    func invalidArguments() throws {
        #expect(throws: KafkaError.self) { try EmbeddedCluster(brokers: 0) }
        let cluster = try EmbeddedCluster(brokers: 2)
        defer { cluster.shutdown() }
        let error = #expect(throws: KafkaError.self) { try cluster.setBrokerDown(5) }
        #expect(error?.message.contains("brokers 1 to 2") == true)
        #expect(throws: KafkaError.self) { try cluster.createTopic("t", partitions: 1, replicationFactor: 3) }
        #expect(throws: KafkaError.self) { try EmbeddedClusterFault.requestErrors(api: "Nope", errors: ["X"], broker: nil, roundTripMs: 0).apply(to: cluster) }
    }
}

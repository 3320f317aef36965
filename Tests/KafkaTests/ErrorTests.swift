import EmbeddedKafka
import Kafka
import Testing

@Suite("Errors a person can act on", .timeLimit(.minutes(2)))
struct ErrorTests {
    @Test("an invalid value names the property and librdkafka's reason")
    func invalidValue() throws {
        let error = #expect(throws: KafkaError.self) { try KafkaConfig(["acks": "maybe"]) }
        #expect(error?.subject == "acks")
        #expect(error?.code == .invalidArgument)
        #expect(error?.message.contains("Invalid value") == true, "\(String(describing: error?.message))")
    }

    @Test("an unknown property is refused when it is set, not when a client starts")
    func unknownProperty() throws {
        var config = try KafkaConfig()
        let error = #expect(throws: KafkaError.self) { try config.set("linger.msec", "5") }
        #expect(error?.subject == "linger.msec")
        #expect(error?.message.contains("No such configuration property") == true)
        #expect(config["linger.msec"] == nil)
    }

    @Test("a client without bootstrap servers says how to set them")
    func missingBootstrap() throws {
        let error = #expect(throws: KafkaError.self) { try KafkaProducer(config: KafkaConfig()) }
        #expect(error?.subject == "bootstrap.servers")
        #expect(error?.message.contains("KafkaConfig.bootstrapServers") == true)
    }

    @Test("error codes resolve by librdkafka name and classify")
    func codesByName() {
        #expect(KafkaError.Code(name: "NOT_LEADER_FOR_PARTITION") == .notLeaderForPartition)
        #expect(KafkaError.Code(name: "_transport") == .transport)
        #expect(KafkaError.Code(name: "RD_KAFKA_RESP_ERR__MSG_TIMED_OUT") == .messageTimedOut)
        #expect(KafkaError.Code(name: "NO_SUCH_ERROR") == nil)
        for code: KafkaError.Code in [.queueFull, .fenced, .producerFenced, .unknownProducerId, .purgeQueue, .fail, .state] {
            #expect(KafkaError.Code(name: code.name) == code, "\(code.rawValue) is named \(code.name)")
        }
        #expect(KafkaError(code: .notLeaderForPartition).classification == .retriable)
        #expect(KafkaError(code: .unknownTopicOrPartition).classification == .permanent)
    }

    @Test("unreachable brokers fail a send and a metadata request in bounded time with a clear message")
    func unreachableBrokers() async throws {
        var config = try KafkaConfig(["message.timeout.ms": "1500", "socket.connection.setup.timeout.ms": "1000"])
        config.bootstrapServers = ["127.0.0.1:1"]
        let producer = try KafkaProducer(config: config, logger: TestCluster.logger)
        let start = ContinuousClock.now
        let error = await #expect(throws: KafkaError.self) {
            try await producer.send(KafkaProducerMessage(topic: "nowhere", key: nil, value: "x"))
        }
        #expect(ContinuousClock.now - start < .seconds(10))
        #expect(error?.code == .messageTimedOut)
        #expect(error?.message.contains("brokers are reachable") == true, "\(String(describing: error?.message))")
        await producer.shutdown()

        let admin = try KafkaAdmin(config: config, logger: TestCluster.logger)
        let metadataStart = ContinuousClock.now
        let metadataError = await #expect(throws: KafkaError.self) { try await admin.metadata(timeout: .seconds(1)) }
        #expect(ContinuousClock.now - metadataStart < .seconds(5))
        #expect(metadataError?.isRetriable == true)
        await admin.close()
    }

    @Test("subscribing to a topic that does not exist fails the message loop with UNKNOWN_TOPIC_OR_PART")
    func unknownTopic() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let consumer = try KafkaConsumer(
            config: TestCluster.consumerConfig(cluster, group: TestCluster.unique("lost")), logger: TestCluster.logger)
        let topic = TestCluster.unique("missing")
        // The embedded cluster creates any topic a client asks about; make it answer as Kafka does for a
        // topic that does not exist (with auto-creation off).
        cluster.setTopicError(topic, .unknownTopicOrPartition)
        try consumer.subscribe(topics: [topic])
        let start = ContinuousClock.now
        let error = await #expect(throws: KafkaError.self) {
            for try await _ in consumer.messages {}
        }
        #expect(ContinuousClock.now - start < .seconds(15))
        #expect(error?.code == .unknownTopicOrPartition || error?.code == .unknownTopic, "\(String(describing: error))")
        #expect(error?.message.contains("create the topic") == true)
        await consumer.close()
    }

    @Test("subscribing to no topic is refused at once; an assignment librdkafka refuses fails the message loop")
    func refusedSubscriptionAndAssignment() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("refused")
        try cluster.createTopic(topic, partitions: 1)
        let subscriber = try KafkaConsumer(
            config: TestCluster.consumerConfig(cluster, group: TestCluster.unique("refused")), logger: TestCluster.logger)
        let empty = #expect(throws: KafkaError.self) { try subscriber.subscribe(topics: []) }
        #expect(empty?.code == .invalidArgument)
        await subscriber.close()

        // The same partition twice: librdkafka refuses the list when it applies it, off the caller's thread.
        let consumer = try KafkaConsumer(
            config: TestCluster.consumerConfig(cluster, group: TestCluster.unique("refused")), logger: TestCluster.logger)
        let twice = KafkaTopicPartitionOffset(topic: topic, partition: 0, offset: KafkaOffset.beginning)
        try consumer.assign([twice, twice])
        let refusal = await #expect(throws: KafkaError.self) {
            for try await _ in consumer.messages {}
        }
        #expect(refusal?.message.contains("assign") == true, "\(String(describing: refusal))")
        #expect(try await consumer.assignment().isEmpty)
        await consumer.close()
    }

    @Test("sends after shutdown are refused")
    func sendAfterShutdown() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let producer = try KafkaProducer(config: TestCluster.producerConfig(cluster), logger: TestCluster.logger)
        await producer.shutdown()
        let error = await #expect(throws: KafkaError.self) {
            try await producer.send(KafkaProducerMessage(topic: "t", key: nil, value: "late"))
        }
        #expect(error?.code == .destroy)
    }
}

import EmbeddedKafka
import Kafka
import Testing

@Suite("Embedded cluster: limits", .timeLimit(.minutes(1)))
struct EmbeddedClusterLimitsTests {
    @Test("round-trip times beyond the limit throw instead of trapping in an Int32 conversion")
    func roundTripOverflow() throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        #expect(throws: KafkaError.self) { try cluster.setRoundTripTime(broker: 1, milliseconds: 999_999_999_999) }
        #expect(throws: KafkaError.self) { try cluster.setRoundTripTime(broker: 1, milliseconds: -1) }
        #expect(throws: KafkaError.self) {
            try cluster.pushBrokerRequestErrors(broker: 1, .produce, [.transport], roundTripMs: 99_999_999_999)
        }
        try cluster.setRoundTripTime(broker: 1, milliseconds: EmbeddedCluster.roundTripLimitMs)
    }

    @Test("brokers, partitions and topic names are bounded before librdkafka allocates anything")
    func sizesAndNames() throws {
        #expect(throws: KafkaError.self) { _ = try EmbeddedCluster(brokers: 100_000) }
        #expect(throws: KafkaError.self) { _ = try EmbeddedCluster(brokers: 0) }
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let tooMany = #expect(throws: KafkaError.self) { try cluster.createTopic("orders", partitions: 99_999_999) }
        #expect(tooMany?.message.contains("1 to \(EmbeddedCluster.partitionLimit)") == true)
        for name in [":3", "a b", "../x", "bad/name", "", ".", String(repeating: "x", count: 250)] {
            let refused = #expect(throws: KafkaError.self) { try cluster.createTopic(name, partitions: 1) }
            #expect(refused?.code.rawValue == 17, "\(name)")
        }
        #expect(throws: KafkaError.self) { try cluster.setLeader(topic: "missing", partition: 0, broker: 1) }
        try cluster.createTopic("orders", partitions: 2)
        #expect(throws: KafkaError.self) { try cluster.setLeader(topic: "orders", partition: 2, broker: 1) }
        try cluster.setLeader(topic: "orders", partition: 1, broker: 1)
    }

    @Test("Kafka's topic-name rules")
    func topicNameRules() {
        for legal in ["orders", "a.b_c-D9", String(repeating: "x", count: 249), "_schemas"] {
            #expect(KafkaTopicName.problem(with: legal) == nil, "\(legal)")
        }
        for illegal in ["", ".", "..", "a b", ":3", "bad/name", "é", "a\u{0}b", String(repeating: "x", count: 250)] {
            #expect(KafkaTopicName.problem(with: illegal) != nil, "\(illegal)")
        }
    }
}

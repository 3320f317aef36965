import EmbeddedKafka
import Kafka
import Testing

@Suite("Borrowed reads", .timeLimit(.minutes(2)))
struct ZeroCopyReadTests {
    @Test("withUnsafeKey, withUnsafeValue and forEachHeader lend the same bytes the owning accessors copy")
    func borrowedMatchesOwned() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("borrowed")
        try cluster.createTopic(topic, partitions: 1, replicationFactor: 1)
        let producer = try KafkaProducer(config: TestCluster.producerConfig(cluster), logger: TestCluster.logger)
        try await producer.send(
            KafkaProducerMessage(topic: topic, key: "k1", value: "first", headers: [KafkaHeader(name: "h", string: "v"), KafkaHeader(name: "n", value: nil)]))
        try await producer.send(KafkaProducerMessage(topic: topic, key: nil, value: [UInt8]()))
        try await producer.send(KafkaProducerMessage(topic: topic, key: [0, 255], value: nil))
        await producer.shutdown()

        let read = try await TestCluster.drain(cluster, topic: topic, partitions: 1)
        try #require(read.count == 3)
        for message in read {
            let borrowedKey = message.withUnsafeKey { $0.map { Array($0) } }
            let borrowedValue = message.withUnsafeValue { $0.map { Array($0) } }
            #expect(borrowedKey == message.key)
            #expect(borrowedValue == message.value)
            #expect(message.keyCount == message.key?.count)
            #expect(message.valueCount == message.value?.count)
        }
        #expect(read[0].keyString == "k1" && read[0].valueString == "first")
        var headers: [String] = []
        read[0].forEachHeader { name, bytes in headers.append("\(name)=\(bytes.map { String(decoding: $0, as: UTF8.self) } ?? "nil")") }
        #expect(headers == ["h=v", "n=nil"])
        #expect(read[1].withUnsafeKey { $0 == nil })
        #expect(read[1].withUnsafeValue { $0?.count } == 0)
        #expect(read[2].withUnsafeValue { $0 == nil })
        #expect(read[2].key == [0, 255])
        // Equality and hashing go by content, wherever the bytes live.
        let rebuilt = KafkaConsumerMessage(
            topic: topic, partition: 0, offset: read[2].offset, key: [0, 255], value: nil, timestampMs: read[2].timestampMs)
        #expect(rebuilt == read[2])
        #expect(Set([rebuilt, read[2]]).count == 1)
    }
}

import EmbeddedKafka
import Kafka
import Testing

@Suite("Producer and consumer round trips", .timeLimit(.minutes(2)))
struct RoundTripTests {
    @Test("keys, values, headers and timestamps survive a round trip")
    func roundTrip() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("round-trip")
        try cluster.createTopic(topic, partitions: 1)
        let producer = try KafkaProducer(config: TestCluster.producerConfig(cluster), logger: TestCluster.logger)
        let sent = KafkaProducerMessage(
            topic: topic, key: [1, 2, 3], value: Array("hello".utf8),
            headers: [KafkaHeader(name: "trace", string: "abc"), KafkaHeader(name: "empty", value: []), KafkaHeader(name: "null", value: nil)],
            timestampMs: 1_700_000_000_123)
        let report = try await producer.send(sent)
        #expect(report.partition == 0)
        #expect(report.offset == 0)
        let tombstone = try await producer.send(KafkaProducerMessage(topic: topic, key: [9], value: nil))
        #expect(tombstone.offset == 1)
        // Kafka tells empty from null for keys and values alike.
        try await producer.send(KafkaProducerMessage(topic: topic, key: nil, value: []))
        try await producer.send(KafkaProducerMessage(topic: topic, key: [], value: [7]))
        await producer.shutdown()

        let read = try await TestCluster.drain(cluster, topic: topic, partitions: 1)
        try #require(read.count == 4)
        #expect(read[0].key == [1, 2, 3])
        #expect(read[0].valueString == "hello")
        #expect(read[0].headers == sent.headers)
        #expect(read[0].timestampMs == 1_700_000_000_123)
        #expect(read[1].key == [9])
        #expect(read[1].value == nil)
        #expect(read[2].key == nil && read[2].value == [])
        #expect(read[3].key == [] && read[3].value == [7])
    }

    @Test("each message of a batch keeps its own headers, whatever its value and whether or not its neighbours have any")
    func headersPerMessage() async throws {
        let cluster = try EmbeddedCluster(brokers: 1)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("headers")
        try cluster.createTopic(topic, partitions: 1)
        let producer = try KafkaProducer(config: TestCluster.producerConfig(cluster, ["linger.ms": "50"]), logger: TestCluster.logger)
        // Values of every shape, each with and without headers; one value ends in a zero byte, one header
        // value is empty, and the header-less ones sit between ones with headers in the same record batch.
        let values: [[UInt8]?] = [Array("plain".utf8), [], nil, [0], [1, 0], Array(repeating: 0x61, count: 300)]
        var sent: [KafkaProducerMessage] = []
        for (index, value) in values.enumerated() {
            sent.append(KafkaProducerMessage(topic: topic, key: [UInt8(index)], value: value))
            sent.append(KafkaProducerMessage(
                topic: topic, key: [UInt8(index)], value: value,
                headers: [KafkaHeader(name: "n", string: "\(index)"), KafkaHeader(name: "e", value: [])]))
        }
        let ids = try await withThrowingTaskGroup(of: Int64.self) { group in
            for message in sent { group.addTask { try await producer.send(message).offset } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(ids.count == sent.count)
        await producer.shutdown()

        let read = try await TestCluster.drain(cluster, topic: topic, partitions: 1)
        try #require(read.count == sent.count)
        let expected = Dictionary(grouping: sent, by: { $0.key ?? [] })
        for message in read {
            let candidates = try #require(expected[message.key ?? []])
            #expect(candidates.contains { $0.value == message.value && $0.headers == message.headers },
                    "offset \(message.offset): value \(String(describing: message.value)), headers \(message.headers)")
        }
        #expect(read.filter { $0.headers.isEmpty }.count == values.count, "\(read.map { "key \($0.key ?? []), \($0.value?.count ?? -1) bytes, \($0.headers.count) headers" })")
    }

    @Test("messages with the same key keep their order across several partitions")
    func perKeyOrder() async throws {
        let cluster = try EmbeddedCluster(brokers: 3)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("order")
        try cluster.createTopic(topic, partitions: 6)
        let (producer, events) = try KafkaProducer.makeProducerWithEvents(
            config: TestCluster.producerConfig(cluster, ["enable.idempotence": "true"]), logger: TestCluster.logger)
        let keys = (0..<12).map { "key-\($0)" }
        let perKey = 200
        let reports = Task {
            var acknowledged = 0
            for await event in events {
                if case .deliveryReports(let batch) = event { acknowledged += batch.filter(\.isAcknowledged).count }
            }
            return acknowledged
        }
        for sequence in 0..<perKey {
            for key in keys {
                try await producer.enqueue(KafkaProducerMessage(topic: topic, key: key, value: "\(sequence)"))
            }
        }
        try await producer.flush()
        await producer.shutdown()
        #expect(await reports.value == keys.count * perKey)

        let read = try await TestCluster.drain(cluster, topic: topic, partitions: 6)
        #expect(read.count == keys.count * perKey)
        var partitionOfKey: [String: Int32] = [:]
        var lastOfKey: [String: Int] = [:]
        var usedPartitions = Set<Int32>()
        for message in read {
            let key = try #require(message.keyString)
            let sequence = try #require(Int(message.valueString ?? ""))
            if let known = partitionOfKey[key] { #expect(known == message.partition, "key \(key) moved partition") }
            partitionOfKey[key] = message.partition
            usedPartitions.insert(message.partition)
            #expect(sequence == (lastOfKey[key] ?? -1) + 1, "key \(key): \(sequence) after \(lastOfKey[key] ?? -1)")
            lastOfKey[key] = sequence
        }
        #expect(usedPartitions.count > 1)
    }
}

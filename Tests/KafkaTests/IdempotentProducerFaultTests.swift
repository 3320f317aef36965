import EmbeddedKafka
import Kafka
import Testing

@Suite("Idempotent producer under injected faults", .timeLimit(.minutes(3)))
struct IdempotentProducerFaultTests {
    @Test("every acknowledged message is read exactly once, in order, despite Produce errors and a broker outage")
    func exactlyOnceInOrderUnderFaults() async throws {
        let cluster = try EmbeddedCluster(brokers: 3)
        defer { cluster.shutdown() }
        let topic = TestCluster.unique("idempotent")
        try cluster.createTopic(topic, partitions: 3, replicationFactor: 3)
        let (producer, events) = try KafkaProducer.makeProducerWithEvents(
            config: TestCluster.producerConfig(cluster, ["enable.idempotence": "true", "acks": "all", "retry.backoff.ms": "50"]),
            logger: TestCluster.logger)
        let collector = Task {
            var acknowledged: [KafkaMessageID: KafkaDeliveryReport] = [:]
            var failed = 0
            for await event in events {
                guard case .deliveryReports(let reports) = event else { continue }
                for report in reports {
                    if report.isAcknowledged { acknowledged[report.id] = report } else { failed += 1 }
                }
            }
            return (acknowledged, failed)
        }

        let total = 3000
        var sent: [KafkaMessageID: (key: String, sequence: Int)] = [:]
        for sequence in 0..<total {
            if sequence == 500 {
                cluster.pushRequestErrors(.produce, [.notLeaderForPartition, .requestTimedOut, .notEnoughReplicas, .transport])
            }
            if sequence == 1500 { try cluster.setBrokerDown(1) }
            if sequence == 2000 { try cluster.setBrokerUp(1) }
            if sequence == 2200 { cluster.pushRequestErrors(.produce, [.transport, .notEnoughReplicas]) }
            let key = "key-\(sequence % 30)"
            let id = try await producer.enqueue(KafkaProducerMessage(topic: topic, key: key, value: String(sequence)))
            sent[id] = (key, sequence)
            if sequence == 1500 {
                // Give the outage time to bite while messages for broker 1's partitions pile up.
                try await Task.sleep(for: .milliseconds(300))
            }
        }
        try await producer.flush(timeout: .seconds(60))
        await producer.shutdown()
        let (acknowledged, failed) = await collector.value
        #expect(failed == 0)
        #expect(acknowledged.count == total)

        let read = try await TestCluster.drain(cluster, topic: topic, partitions: 3)
        var seen: [String: Int] = [:]
        var lastOfKey: [String: Int] = [:]
        var lastOffset: [Int32: Int64] = [:]
        for message in read {
            let value = try #require(message.valueString)
            seen[value, default: 0] += 1
            let key = try #require(message.keyString)
            let sequence = try #require(Int(value))
            #expect(sequence > (lastOfKey[key] ?? -1), "order broken for \(key): \(sequence) after \(lastOfKey[key] ?? -1)")
            lastOfKey[key] = sequence
            #expect(message.offset > (lastOffset[message.partition] ?? -1))
            lastOffset[message.partition] = message.offset
        }
        let duplicates = seen.filter { $0.value > 1 }
        #expect(duplicates.isEmpty, "duplicates: \(duplicates.keys.sorted().prefix(10))")
        for (id, report) in acknowledged {
            let expected = try #require(sent[id])
            #expect(seen[String(expected.sequence)] == 1, "acknowledged message \(expected.sequence) at \(report.partition)@\(report.offset) lost")
        }
    }
}

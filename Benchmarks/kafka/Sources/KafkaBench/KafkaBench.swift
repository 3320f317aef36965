import Foundation
import Kafka

/// `KafkaBench produce|consume BOOTSTRAP TOPIC COUNT PARTITIONS`: prints messages per second.
///
/// Produce: 100-byte values, acks=all, idempotence on, linger.ms=5, every delivery report observed
/// through the events sequence. Consume: every partition assigned from the beginning, COUNT messages read,
/// timed from the first (librdkafka's offset lookup before it is the same fixed wait for every client).
/// Drain: the same with a pause after the first message while librdkafka prefetches the rest, which is
/// what the client costs per message with the broker out of the measurement.
@main
enum KafkaBench {
    static func main() async throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 6, let count = Int(arguments[4]), let partitions = Int32(arguments[5]) else {
            FileHandle.standardError.write(Data("usage: KafkaBench produce|consume|drain BOOTSTRAP TOPIC COUNT PARTITIONS\n".utf8))
            exit(64)
        }
        let (mode, bootstrap, topic) = (arguments[1], arguments[2], arguments[3])
        let seconds = mode == "produce"
            ? try await produce(bootstrap: bootstrap, topic: topic, count: count)
            : try await consume(bootstrap: bootstrap, topic: topic, count: count, partitions: partitions, drain: mode == "drain")
        print(String(format: "%.0f", Double(count) / seconds))
    }

    static func produce(bootstrap: String, topic: String, count: Int) async throws -> Double {
        var config = try KafkaConfig(["acks": "all", "enable.idempotence": "true", "linger.ms": "5", "sticky.partitioning.linger.ms": "0"])
        config.bootstrapServers = [bootstrap]
        let (producer, events) = try KafkaProducer.makeProducerWithEvents(config: config)
        let value = [UInt8](repeating: 0x61, count: 100)
        let message = KafkaProducerMessage(topic: topic, value: value)
        let start = ContinuousClock.now
        let reports = Task {
            var delivered = 0
            for await event in events {
                guard case .deliveryReports(let batch) = event else { continue }
                for report in batch where report.isAcknowledged { delivered += 1 }
                if delivered >= count { break }
            }
            return delivered
        }
        for _ in 0..<count { try await producer.enqueue(message) }
        let delivered = await reports.value
        let elapsed = ContinuousClock.now - start
        await producer.shutdown()
        guard delivered == count else { throw KafkaError(code: .fail, message: "only \(delivered) of \(count) delivered") }
        return elapsed.seconds
    }

    static func consume(bootstrap: String, topic: String, count: Int, partitions: Int32, drain: Bool) async throws -> Double {
        var config = try KafkaConfig(["group.id": "bench-\(UUID().uuidString)", "enable.auto.commit": "false", "auto.offset.reset": "earliest"])
        config.bootstrapServers = [bootstrap]
        let consumer = try KafkaConsumer(config: config)
        try consumer.assign((0..<partitions).map { KafkaTopicPartitionOffset(topic: topic, partition: $0, offset: KafkaOffset.beginning) })
        var read = 0
        var bytes = 0
        var messages = consumer.messages.makeAsyncIterator()
        // Timed from the first message (see c/bench.c); drain pauses there while librdkafka prefetches the rest.
        if let first = try await messages.next() {
            bytes += first.valueCount ?? 0
            read += 1
        }
        if drain { try await Task.sleep(for: .seconds(3)) }
        let start = ContinuousClock.now
        while read < count, let message = try await messages.next() {
            bytes += message.valueCount ?? 0
            read += 1
        }
        let elapsed = (ContinuousClock.now - start) * (Double(count) / Double(count - 1))
        await consumer.close()
        guard bytes == read * 100 else { throw KafkaError(code: .fail, message: "unexpected payload sizes") }
        return elapsed.seconds
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

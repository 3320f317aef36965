import Foundation
import EmbeddedKafka
import Kafka
import Logging
import Synchronization
import Verify
import KafkaServiceRuntime

/// In-process stand-ins for generated services, for tests that need real histories against the embedded
/// cluster without building a package: each writes the service-event lines a generated service would.
enum SimulatedServices {
    static let logger: Logger = {
        var logger = Logger(label: "verify.tests")
        logger.logLevel = .critical
        return logger
    }()

    /// A temporary folder, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("verify-tests-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Sends `count` values in order (`enqueue`), recording sends and delivery reports; `beforeSend` runs
    /// before each send, to inject faults at chosen points.
    static func produce(
        bootstrap: String, topic: String, count: Int, keyCount: Int = 5, properties: [String: String], events: EventLogWriter,
        beforeSend: (Int) async throws -> Void = { _ in }
    ) async throws {
        var config = try KafkaConfig(properties)
        config.bootstrapServers = [bootstrap]
        let (producer, reports) = try KafkaProducer.makeProducerWithEvents(config: config, logger: logger)
        let sent = Mutex<[KafkaMessageID: (key: String, value: String)]>([:])
        let early = Mutex<[KafkaMessageID: KafkaDeliveryReport]>([:])
        @Sendable func record(_ report: KafkaDeliveryReport, _ message: (key: String, value: String)) {
            if let error = report.error {
                events.emit(.producerSendError(topic: topic, key: message.key, value: message.value, code: error.name, message: error.message, indefinite: true))
            } else {
                events.emit(.producerSendSuccess(topic: topic, key: message.key, value: message.value, partition: report.partition, offset: report.offset))
            }
        }
        let collector = Task {
            for await event in reports {
                guard case .deliveryReports(let batch) = event else { continue }
                for report in batch {
                    if let message = sent.withLock({ $0.removeValue(forKey: report.id) }) {
                        record(report, message)
                    } else {
                        early.withLock { $0[report.id] = report }
                    }
                }
            }
        }
        events.emit(.startupComplete(role: .producer, topics: [topic], outputTopics: [topic], group: nil))
        for sequence in 0..<count {
            try await beforeSend(sequence)
            let key = "key-\(sequence % keyCount)"
            let value = String(sequence)
            events.emit(.producerSend(topic: topic, key: key, value: value))
            let id = try await producer.enqueue(KafkaProducerMessage(topic: topic, key: key, value: value))
            if let report = early.withLock({ $0.removeValue(forKey: id) }) {
                record(report, (key, value))
            } else {
                sent.withLock { $0[id] = (key, value) }
                if let report = early.withLock({ $0.removeValue(forKey: id) }), let message = sent.withLock({ $0.removeValue(forKey: id) }) {
                    record(report, message)
                }
            }
        }
        try await producer.flush(timeout: .seconds(60))
        await producer.shutdown()
        await collector.value
        events.emit(.shutdownComplete)
    }
}

extension SimulatedServices {
    /// How a simulated consumer ends.
    enum Ending {
        /// Crashes while handling its `n`-th record: with `commitBeforeProcess`, after committing it and before
        /// processing it.
        case crash(atRecord: Int)
        /// Stops once every partition of the topic has been read up to its high watermark.
        case caughtUp
    }

    /// Reads `topic` in `group`, committing each record synchronously after processing it, or before when
    /// `commitBeforeProcess` (the bug), and records `record_data` and `offsets_committed`.
    static func consume(
        bootstrap: String, topic: String, partitions: Int32, group: String, events: EventLogWriter, commitBeforeProcess: Bool, ending: Ending
    ) async throws {
        var config = try KafkaConfig([
            "group.id": group, "auto.offset.reset": "earliest", "enable.auto.commit": "false", "session.timeout.ms": "6000",
            "heartbeat.interval.ms": "500",
        ])
        config.bootstrapServers = [bootstrap]
        let consumer = try KafkaConsumer(config: config, logger: logger)
        // Where the group stands before joining it: a partition already read to its end yields no message.
        var positions: [Int32: Int64] = [:]
        let slots = (0..<partitions).map { KafkaTopicPartition(topic: topic, partition: $0) }
        for committed in try await consumer.committed(slots) where committed.offset >= 0 {
            positions[committed.partition] = committed.offset
        }
        try consumer.subscribe(topics: [topic]) { rebalance in
            let changed = rebalance.partitions.map { ServiceEvent.Partition(topic: $0.topic, partition: $0.partition) }
            events.emit(rebalance.kind == .assigned ? .partitionsAssigned(changed) : .partitionsRevoked(changed))
        }
        events.emit(.startupComplete(role: .consumer, topics: [topic], outputTopics: [], group: group))
        var highs: [Int32: Int64] = [:]
        for partition in 0..<partitions {
            highs[partition] = try await consumer.watermarks(topic: topic, partition: partition).high
        }
        var handled = 0
        func caughtUp() -> Bool { highs.allSatisfy { (positions[$0.key] ?? 0) >= $0.value } }
        if case .caughtUp = ending, caughtUp() { return await consumer.close() }
        for try await message in consumer.messages {
            handled += 1
            let offset = [ServiceEvent.Offset(topic: message.topic, partition: message.partition, offset: message.offset + 1)]
            if commitBeforeProcess {
                try await consumer.commit(message)
                events.emit(.offsetsCommitted(offsets: offset, success: true, error: nil))
            }
            if case .crash(let at) = ending, handled == at { break }
            events.emit(.recordData(
                topic: message.topic, partition: message.partition, offset: message.offset, key: message.keyString, value: message.valueString ?? ""))
            if !commitBeforeProcess {
                try await consumer.commit(message)
                events.emit(.offsetsCommitted(offsets: offset, success: true, error: nil))
            }
            positions[message.partition] = message.offset + 1
            if case .caughtUp = ending, caughtUp() { break }
        }
        await consumer.close()
    }
}

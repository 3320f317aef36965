import SchemaRegistry
import EmbeddedKafka
import Kafka
import Logging
import Synchronization

/// The registry's topic (`_schemas`): read from offset 0 to the high watermark when the registry starts, appended to
/// on every change. Only partition 0 is used, so every record has one place in one order.
///
/// On a real cluster a missing topic is created with one partition and `cleanup.policy=compact`, as Confluent's
/// registry creates it, so the latest record per key is kept forever. The embedded cluster has no admin API and no
/// compaction: it creates the topic on first use and keeps about 5 MiB per partition, trimming the oldest records
/// past that. So that no acknowledged change is lost to trimming, a registry on the embedded cluster counts what
/// the topic holds and refuses a write that would take it past ``embeddedBudget``.
final class SchemasTopicLog: Sendable {
    /// The most bytes (records with their batch overhead) the registry writes to `_schemas` on the embedded
    /// cluster, which trims a partition past about 5 MiB (librdkafka's mock keeps 5 MiB or 100,000 batches).
    static let embeddedBudget = 4 << 20
    /// The most records it writes there, below the mock's 100,000 batches.
    static let embeddedRecordBudget = 90_000
    /// What one record costs the embedded cluster beyond its key and value: a batch of one record.
    static let recordOverhead = 100

    let topic: String
    private let producer: KafkaProducer
    private let logger: Logger
    /// Whether the budget applies (the embedded cluster), and what is used of it: bytes and records.
    private let isBounded: Bool
    private let used: Mutex<(bytes: Int, records: Int)>

    private init(topic: String, producer: KafkaProducer, logger: Logger, isBounded: Bool, used: (bytes: Int, records: Int)) {
        self.topic = topic
        self.producer = producer
        self.logger = logger
        self.isBounded = isBounded
        self.used = Mutex(used)
    }

    /// Prepares the topic, reads every record in it, and opens a producer for new ones.
    ///
    /// - Returns: The log, and the records in topic order.
    static func open(
        bootstrapServers: String, topic: String, properties: [String: String], timeout: Duration, logger: Logger
    ) async throws(SchemaRegistryError) -> (SchemasTopicLog, [SchemasTopicRecord]) {
        do {
            var base = try KafkaConfig(properties)
            base.bootstrapServers = [bootstrapServers]
            let isEmbedded = try await prepare(topic: topic, config: base, timeout: timeout, logger: logger)
            let (records, bytes, count) = try await replay(topic: topic, config: base, timeout: timeout, logger: logger)
            let producer = try KafkaProducer(
                config: base.merging([
                    "acks": "all", "enable.idempotence": "true", "linger.ms": "0",
                    "message.timeout.ms": String(max(1000, Int(timeout.components.seconds) * 1000)),
                ]),
                logger: logger)
            let log = SchemasTopicLog(
                topic: topic, producer: producer, logger: logger, isBounded: isEmbedded, used: (bytes, count))
            return (log, records)
        } catch let error as SchemaRegistryError {
            throw error
        } catch {
            throw .store(topic: topic, message: "\(error)")
        }
    }

    /// Writes a record and waits until every in-sync replica has it.
    ///
    /// - Throws: ``SchemaRegistryError/store(topic:message:)`` on the embedded cluster when the record would take
    ///   the topic past ``embeddedBudget`` (or ``embeddedRecordBudget``), before anything is written.
    func append(_ record: SchemasTopicRecord) async throws(SchemaRegistryError) {
        let size = Self.cost(key: record.key, value: record.value)
        if isBounded {
            let (bytes, records) = used.withLock { $0 }
            guard bytes + size <= Self.embeddedBudget, records < Self.embeddedRecordBudget else {
                throw .store(
                    topic: topic,
                    message: "refused, not written: the embedded cluster keeps about 5 MiB of a partition and drops older "
                        + "records past that, which would lose registered schemas; this registry stops at \(Self.embeddedBudget) "
                        + "bytes or \(Self.embeddedRecordBudget) records of \(topic) (used: \(bytes) bytes, \(records) records; "
                        + "this change needs \(size)). Use a real Kafka cluster, whose \(topic) is compacted, or a fresh embedded one")
            }
        }
        do {
            let report = try await producer.send(KafkaProducerMessage(topic: topic, partition: 0, key: record.key, value: record.value))
            used.withLock { $0 = ($0.bytes + size, $0.records + 1) }
            logger.debug("appended a registry record", metadata: ["topic": "\(topic)", "offset": "\(report.offset)"])
        } catch {
            throw .store(topic: topic, message: "could not write a record: \(error)")
        }
    }

    /// Delivers what is still queued and releases the producer.
    func close() async {
        await producer.shutdown()
    }

    /// What a record costs the embedded cluster's partition.
    static func cost(key: [UInt8], value: [UInt8]?) -> Int {
        key.count + (value?.count ?? 0) + recordOverhead
    }

    /// Checks or creates the topic; returns whether the brokers are the embedded cluster.
    private static func prepare(topic: String, config: KafkaConfig, timeout: Duration, logger: Logger) async throws -> Bool {
        let admin = try KafkaAdmin(config: config, logger: logger)
        do {
            let metadata = try await admin.metadata(timeout: timeout)
            let existing = metadata.topics.first { $0.name == topic && $0.error == nil }
            if let existing, existing.partitions.count != 1, !metadata.isEmbeddedCluster {
                throw SchemaRegistryError.store(
                    topic: topic,
                    message: "it has \(existing.partitions.count) partitions, and the registry needs exactly 1 so that its records "
                        + "keep one order; recreate it with 1 partition and cleanup.policy=compact, or pick another topic")
            }
            if existing == nil, !metadata.isEmbeddedCluster {
                try await admin.createTopics(
                    [KafkaNewTopic(name: topic, partitions: 1, config: ["cleanup.policy": "compact"])], timeout: timeout)
                logger.info("created the registry topic", metadata: ["topic": "\(topic)"])
            }
            await admin.close()
            return metadata.isEmbeddedCluster
        } catch {
            await admin.close()
            throw error
        }
    }

    /// Reads the topic: its records, with the bytes and the number of records it holds.
    private static func replay(
        topic: String, config: KafkaConfig, timeout: Duration, logger: Logger
    ) async throws -> ([SchemasTopicRecord], Int, Int) {
        let consumer = try KafkaConsumer(
            config: config.merging(["group.id": "kafka-skill-schema-registry", "enable.auto.commit": "false", "fetch.wait.max.ms": "50"]),
            logger: logger)
        let marks: (low: Int64, high: Int64)
        do {
            marks = try await consumer.watermarks(topic: topic, partition: 0, timeout: timeout)
        } catch let error as KafkaError where [.unknownTopicOrPartition, .unknownTopic, .unknownPartition].contains(error.code) {
            // The embedded cluster creates the topic on first write; until then there is nothing to read.
            await consumer.close()
            return ([], 0, 0)
        } catch {
            await consumer.close()
            throw error
        }
        if marks.low > 0 {
            logger.warning(
                "the registry topic starts at offset \(marks.low): records before it were trimmed, and schemas they held are gone",
                metadata: ["topic": "\(topic)"])
        }
        guard marks.high > marks.low else {
            await consumer.close()
            return ([], 0, 0)
        }
        try consumer.assign([KafkaTopicPartitionOffset(topic: topic, partition: 0, offset: KafkaOffset.beginning)])
        let read = await withTaskGroup(of: Result<([SchemasTopicRecord], Int, Int), any Error>?.self) { group in
            group.addTask {
                do {
                    return .success(try await readRecords(consumer, upTo: marks.high, logger: logger))
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        await consumer.close()
        guard let read else {
            throw SchemaRegistryError.store(
                topic: topic, message: "could not read offsets \(marks.low) to \(marks.high) within \(timeout); is every broker up?")
        }
        return try read.get()
    }

    private static func readRecords(
        _ consumer: KafkaConsumer, upTo high: Int64, logger: Logger
    ) async throws -> ([SchemasTopicRecord], Int, Int) {
        var records: [SchemasTopicRecord] = []
        var bytes = 0
        var count = 0
        for try await message in consumer.messages {
            bytes += cost(key: message.key ?? [], value: message.value)
            count += 1
            do throws(SchemasTopicRecord.RecordError) {
                if let record = try SchemasTopicRecord.decode(key: message.key ?? [], value: message.value) {
                    records.append(record)
                }
            } catch {
                logger.warning("skipped a record the registry cannot read: \(error.message)", metadata: ["offset": "\(message.offset)"])
            }
            if message.offset + 1 >= high { return (records, bytes, count) }
        }
        // The sequence ended before the high watermark: the task was cancelled, and a partial state must not be served.
        throw CancellationError()
    }
}

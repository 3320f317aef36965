import Foundation
public import Kafka
public import Logging
import Synchronization

/// The independent reader at the end of a run: a consumer outside every group, assigned every partition of
/// the run's topics from the oldest kept offset, reading until its position reaches each partition's high
/// watermark (as Jepsen's final polls and Kafka's end-to-end tests do).
public enum FinalDrain {
    /// Reads every partition of `topics`.
    /// - Parameters:
    ///   - bootstrapServers: The cluster.
    ///   - topics: The topics to read.
    ///   - startOffsets: Where the run began in partitions that held records before it (on a reused real
    ///     cluster); other partitions are read from their oldest kept offset.
    ///   - isolationLevel: `read_committed` (default) or `read_uncommitted`.
    ///   - timeout: How long to keep reading before giving up on the partitions not finished.
    ///   - avroValues: Reads values in the registry's wire format as their identity text; other values are
    ///     read as UTF-8 text.
    ///   - logger: Receives the client's logs.
    /// - Returns: The records and watermarks; unfinished partitions and unknown topics are listed in
    ///   ``DrainResult/incomplete``.
    public static func run(
        bootstrapServers: String, topics: [String], startOffsets: [KafkaTopicPartition: Int64] = [:],
        isolationLevel: String = "read_committed", timeout: Duration = .seconds(60),
        avroValues: AvroValueIdentity? = nil, logger: Logger
    ) async -> DrainResult {
        var result = DrainResult(isolationLevel: isolationLevel)
        guard !topics.isEmpty else { return result }
        let consumer: KafkaConsumer
        var targets: [KafkaTopicPartition: Int64] = [:]
        do {
            let partitions = try await partitionCounts(bootstrapServers: bootstrapServers, topics: topics, logger: logger)
            for topic in topics where partitions[topic] == nil {
                result.incomplete.append("\(topic): not in the cluster's metadata")
            }
            var config = try KafkaConfig([
                "group.id": "verify-drain-\(UUID().uuidString.prefix(8))", "enable.auto.commit": "false",
                "isolation.level": isolationLevel, "auto.offset.reset": "earliest",
            ])
            config.bootstrapServers = [bootstrapServers]
            consumer = try KafkaConsumer(config: config, logger: logger)
            logger.debug("drain: partitions \(partitions)")
            for (topic, count) in partitions.sorted(by: { $0.key < $1.key }) {
                for partition in 0..<Int32(count) {
                    let marks = try await consumer.watermarks(topic: topic, partition: partition)
                    logger.debug("drain: \(topic)[\(partition)] watermarks \(marks.low)-\(marks.high)")
                    result.watermarks.append(DrainResult.Watermarks(topic: topic, partition: partition, low: marks.low, high: marks.high))
                    let slot = KafkaTopicPartition(topic: topic, partition: partition)
                    if marks.high > max(marks.low, startOffsets[slot] ?? 0) { targets[slot] = marks.high }
                }
            }
        } catch {
            result.incomplete.append("the drain could not start: \(error)")
            return result
        }
        guard !targets.isEmpty else {
            await consumer.close()
            return result
        }
        let records = Mutex<[DrainedRecord]>([])
        do {
            try consumer.assign(targets.keys.sorted().map { slot in
                let start = startOffsets[slot] ?? 0
                return KafkaTopicPartitionOffset(topic: slot.topic, partition: slot.partition, offset: start > 0 ? start : KafkaOffset.beginning)
            })
            let reader = Task {
                for try await message in consumer.messages {
                    var value = message.valueString ?? ""
                    if let avroValues, let bytes = message.value, let identity = await avroValues.text(of: bytes) { value = identity }
                    let record = DrainedRecord(
                        topic: message.topic, partition: message.partition, offset: message.offset, key: message.keyString,
                        value: value)
                    records.withLock { $0.append(record) }
                }
            }
            let deadline = ContinuousClock.now + timeout
            var remaining = targets
            while !remaining.isEmpty, ContinuousClock.now < deadline, !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(100))
                let positions = (try? consumer.position(Array(remaining.keys))) ?? []
                for position in positions where position.offset >= (remaining[position.topicPartition] ?? .max) {
                    remaining[position.topicPartition] = nil
                }
            }
            logger.debug("drain: read up to the watermarks, \(remaining.count) partitions left")
            reader.cancel()
            _ = await reader.result
            logger.debug("drain: reader stopped")
            for (partition, high) in remaining.sorted(by: { $0.key < $1.key }) {
                result.incomplete.append("\(partition): not read up to its high watermark \(high) within \(timeout)")
            }
        } catch {
            result.incomplete.append("the drain failed: \(error)")
        }
        await consumer.close()
        logger.debug("drain: consumer closed")
        result.records = records.withLock { $0 }.sorted { ($0.topic, $0.partition, $0.offset) < ($1.topic, $1.partition, $1.offset) }
        return result
    }

    /// The partition count of every topic that exists.
    static func partitionCounts(bootstrapServers: String, topics: [String], logger: Logger) async throws -> [String: Int] {
        var config = try KafkaConfig()
        config.bootstrapServers = [bootstrapServers]
        let admin = try KafkaAdmin(config: config, logger: logger)
        let metadata: KafkaClusterMetadata
        do {
            metadata = try await admin.metadata()
        } catch {
            await admin.close()
            throw error
        }
        await admin.close()
        var counts: [String: Int] = [:]
        for topic in metadata.topics where topics.contains(topic.name) && topic.error == nil && !topic.partitions.isEmpty {
            counts[topic.name] = topic.partitions.count
        }
        return counts
    }
}

public import Kafka
public import Logging

/// Reads every record of a topic from the beginning up to its current end, outside any consumer group.
public enum TopicReader {
    /// The records of `topic`'s `partitions`, up to each partition's end when called.
    /// - Throws: `KafkaError` when the cluster cannot be read.
    public static func readAll(
        _ topic: String, partitions: Int, bootstrapServers: String, logger: Logger
    ) async throws -> [KafkaConsumerMessage] {
        // It assigns its partitions itself, so no group assignment strategy ever runs.
        // kafka-skill:ignore consumer-cooperative-sticky
        var config = try KafkaConfig([
            "group.id": "reader", "enable.auto.commit": "false", "auto.offset.reset": "earliest",
        ])
        config.bootstrapServers = [bootstrapServers]
        let consumer = try KafkaConsumer(config: config, logger: logger)
        var remaining: [Int32: Int64] = [:]
        for partition in 0..<Int32(partitions) {
            let marks = try await consumer.watermarks(topic: topic, partition: partition)
            if marks.high > marks.low { remaining[partition] = marks.high }
        }
        var records: [KafkaConsumerMessage] = []
        if !remaining.isEmpty {
            try consumer.assign((0..<Int32(partitions)).map {
                KafkaTopicPartitionOffset(topic: topic, partition: $0, offset: KafkaOffset.beginning)
            })
            for try await record in consumer.messages {
                records.append(record)
                if let end = remaining[record.partition], record.offset + 1 >= end { remaining[record.partition] = nil }
                if remaining.isEmpty { break }
            }
        }
        await consumer.close()
        return records
    }
}

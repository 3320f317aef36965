import CRdKafka

/// Owns one `rd_kafka_topic_partition_list_t`, converting to and from Swift values.
///
/// Lists must be destroyed before the client handle is; `deinit` does so, and instances never escape the
/// call that created them.
final class RDKafkaPartitionList {
    let pointer: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>

    init(capacity: Int = 1) {
        pointer = rd_kafka_topic_partition_list_new(Int32(max(capacity, 1)))
    }

    /// Takes ownership of a list librdkafka handed out.
    init(owning pointer: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) {
        self.pointer = pointer
    }

    convenience init(_ offsets: [KafkaTopicPartitionOffset]) {
        self.init(capacity: offsets.count)
        for item in offsets { add(topic: item.topic, partition: item.partition, offset: item.offset) }
    }

    convenience init(_ partitions: [KafkaTopicPartition], offset: Int64 = KafkaOffset.invalid) {
        self.init(capacity: partitions.count)
        for item in partitions { add(topic: item.topic, partition: item.partition, offset: offset) }
    }

    deinit { rd_kafka_topic_partition_list_destroy(pointer) }

    func add(topic: String, partition: Int32, offset: Int64) {
        let element = rd_kafka_topic_partition_list_add(pointer, topic, partition)
        element?.pointee.offset = offset
    }

    var count: Int { Int(pointer.pointee.cnt) }

    /// The elements with their offsets.
    var offsets: [KafkaTopicPartitionOffset] {
        (0..<count).map { index in
            let element = pointer.pointee.elems[index]
            return KafkaTopicPartitionOffset(
                topic: String(cString: element.topic), partition: element.partition, offset: element.offset)
        }
    }

    /// The elements without offsets.
    var partitions: [KafkaTopicPartition] { offsets.map(\.topicPartition) }

    /// The first per-partition error, if any element carries one.
    func firstError(context: String) -> KafkaError? {
        for index in 0..<count {
            let element = pointer.pointee.elems[index]
            if element.err != RD_KAFKA_RESP_ERR_NO_ERROR {
                let where_ = "\(String(cString: element.topic))[\(element.partition)]"
                return KafkaError(code: .init(rawValue: element.err.rawValue), context: "\(context) for \(where_)", subject: where_)
            }
        }
        return nil
    }
}

/// A message read from a partition.
public struct KafkaConsumerMessage: Sendable, Hashable {
    /// The topic it was read from.
    public var topic: String
    /// The partition it was read from.
    public var partition: Int32
    /// Its offset in the partition.
    public var offset: Int64
    /// The key, if any.
    public var key: [UInt8]?
    /// The value; `nil` for a tombstone.
    public var value: [UInt8]?
    /// The headers, in order.
    public var headers: [KafkaHeader]
    /// The timestamp in milliseconds since 1970, if the broker reported one.
    public var timestampMs: Int64?

    /// Creates a message (used by the consumer and by tests that build expected values).
    public init(
        topic: String,
        partition: Int32,
        offset: Int64,
        key: [UInt8]?,
        value: [UInt8]?,
        headers: [KafkaHeader] = [],
        timestampMs: Int64? = nil
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.headers = headers
        self.timestampMs = timestampMs
    }

    /// The key decoded as UTF-8.
    public var keyString: String? { key.map { String(decoding: $0, as: UTF8.self) } }
    /// The value decoded as UTF-8.
    public var valueString: String? { value.map { String(decoding: $0, as: UTF8.self) } }
    /// The offset to commit after processing this message: the next one to read.
    public var nextOffset: KafkaTopicPartitionOffset {
        KafkaTopicPartitionOffset(topic: topic, partition: partition, offset: offset + 1)
    }
}

/// A message to send: the topic, an optional key and value, headers, timestamp and partition.
public struct KafkaProducerMessage: Sendable, Hashable {
    /// The topic to write to.
    public var topic: String
    /// The partition to write to; `nil` lets the partitioner choose from the key (same key, same partition).
    public var partition: Int32?
    /// The key, which selects the partition and keeps per-key order.
    public var key: [UInt8]?
    /// The value; `nil` is a tombstone (deletes the key in a compacted topic).
    public var value: [UInt8]?
    /// The headers, in order.
    public var headers: [KafkaHeader]
    /// The timestamp in milliseconds since 1970; `nil` lets the producer use the current time.
    public var timestampMs: Int64?

    /// Creates a message with binary key and value.
    public init(
        topic: String,
        partition: Int32? = nil,
        key: [UInt8]? = nil,
        value: [UInt8]?,
        headers: [KafkaHeader] = [],
        timestampMs: Int64? = nil
    ) {
        self.topic = topic
        self.partition = partition
        self.key = key
        self.value = value
        self.headers = headers
        self.timestampMs = timestampMs
    }

    /// Creates a message whose key and value are UTF-8 text.
    public init(
        topic: String,
        partition: Int32? = nil,
        key: String?,
        value: String,
        headers: [KafkaHeader] = [],
        timestampMs: Int64? = nil
    ) {
        self.init(
            topic: topic, partition: partition, key: key.map { Array($0.utf8) }, value: Array(value.utf8),
            headers: headers, timestampMs: timestampMs
        )
    }
}

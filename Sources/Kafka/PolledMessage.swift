/// A message as the poll thread leaves it for the iterator: its key and value stay in the batch's shared
/// byte storage until the iterator hands the message out.
///
/// The poll thread thus makes one allocation per batch instead of one per message, and each message's
/// arrays are allocated on the thread that will also free them (the application's), which keeps the two
/// threads from contending for the same malloc arena.
@usableFromInline
struct PolledMessage: Sendable {
    @usableFromInline let topic: String
    @usableFromInline let partition: Int32
    @usableFromInline let offset: Int64
    /// Where the key lies in the batch's storage; `nil` for a null key.
    @usableFromInline let key: Range<Int>?
    /// Where the value lies in the batch's storage; `nil` for a tombstone.
    @usableFromInline let value: Range<Int>?
    @usableFromInline let headers: [KafkaHeader]
    @usableFromInline let timestampMs: Int64?

    init(
        topic: String, partition: Int32, offset: Int64, key: Range<Int>?, value: Range<Int>?, headers: [KafkaHeader],
        timestampMs: Int64?
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.headers = headers
        self.timestampMs = timestampMs
    }

    /// Its topic and partition.
    @usableFromInline
    var topicPartition: KafkaTopicPartition { KafkaTopicPartition(topic: topic, partition: partition) }

    /// The public message, with key and value copied out of `storage`.
    @inlinable
    func message(in storage: [UInt8]) -> KafkaConsumerMessage {
        KafkaConsumerMessage(
            topic: topic,
            partition: partition,
            offset: offset,
            key: key.map { Array(storage[$0]) },
            value: value.map { Array(storage[$0]) },
            headers: headers,
            timestampMs: timestampMs
        )
    }
}

/// Messages polled together, with the tables their ``PolledMessage``s point into.
///
/// Filtering ``messages`` leaves the tables as they are, so the remaining messages still find their bytes.
@usableFromInline
struct PolledBatch: Sendable {
    @usableFromInline var messages: [PolledMessage] = []
    /// The bytes of the messages' keys and values, back to back.
    @usableFromInline var storage: [UInt8] = []
    /// The topic names the messages refer to by index; a batch spans few topics.
    @usableFromInline var topics: [String] = []
    /// The header lists of the messages that have headers.
    @usableFromInline var headers: [[KafkaHeader]] = []
    /// The consumer's revocation count when polling began (see ``ConsumerCore/recordRevocation(_:)``).
    @usableFromInline var revocationCount: UInt64 = 0

    @usableFromInline init() {}

    /// Whether any of its arrays holds an allocation worth keeping for the next poll.
    var hasCapacity: Bool { messages.capacity > 0 || storage.capacity > 0 }

    /// Empties the batch, keeping its allocations when it holds them alone.
    mutating func removeAll() {
        messages.removeAll(keepingCapacity: true)
        storage.removeAll(keepingCapacity: true)
        topics.removeAll(keepingCapacity: true)
        headers.removeAll(keepingCapacity: true)
    }

    /// The topic and partition of a message of this batch.
    func topicPartition(of message: PolledMessage) -> KafkaTopicPartition {
        KafkaTopicPartition(topic: topics[message.topic], partition: message.partition)
    }

    /// Drops the messages of the given partitions.
    mutating func removeMessages(of partitions: Set<KafkaTopicPartition>) {
        guard !partitions.isEmpty else { return }
        let topics = self.topics
        messages.removeAll { partitions.contains(KafkaTopicPartition(topic: topics[$0.topic], partition: $0.partition)) }
    }

    /// The public message at `index`; its key and value stay in the batch's storage, which it shares.
    @inlinable
    func message(at index: Int) -> KafkaConsumerMessage {
        let polled = messages[index]
        return KafkaConsumerMessage(
            topic: topics[polled.topic],
            partition: polled.partition,
            offset: polled.offset,
            key: SharedBytes(buffer: storage, start: polled.keyStart, count: polled.keyCount),
            value: SharedBytes(buffer: storage, start: polled.valueStart, count: polled.valueCount),
            headers: polled.headers < 0 ? [] : headers[polled.headers],
            timestampMs: polled.timestampMs == .min ? nil : polled.timestampMs
        )
    }
}

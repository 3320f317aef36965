/// The consumer's messages as an `AsyncSequence`.
///
/// Iteration pulls batches from librdkafka on the consumer's poll thread and hands them out one by one, so
/// most `next()` calls return without suspending. It ends when the consumer closes or the task is
/// cancelled; it throws for errors the application must handle (unknown topic, authorization, fatal).
public struct KafkaConsumerMessages: AsyncSequence, Sendable {
    /// The element type.
    public typealias Element = KafkaConsumerMessage
    let core: ConsumerCore

    /// Makes an iterator.
    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(core: core) }

    /// Iterates the messages.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let core: ConsumerCore
        var buffer: [KafkaConsumerMessage] = []
        var index = 0

        /// The next message; `nil` once the consumer is closed or the task cancelled.
        public mutating func next() async throws -> KafkaConsumerMessage? {
            while index == buffer.count {
                if Task.isCancelled { return nil }
                guard let batch = try await core.pollBatch(limit: 1024) else { return nil }
                buffer = batch
                index = 0
            }
            defer { index += 1 }
            return buffer[index]
        }
    }
}

import Synchronization

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
        // `@usableFromInline` so the per-message fast path of `next()` inlines into the caller's loop: most
        // calls then neither allocate an async frame nor leave the caller's module.
        @usableFromInline let core: ConsumerCore
        @usableFromInline var batch = PolledBatch()
        @usableFromInline var index = 0
        @usableFromInline var revocationCount: UInt64 = 0

        init(core: ConsumerCore) { self.core = core }

        /// The next message; `nil` once the consumer is closed or the task cancelled.
        @inlinable
        public mutating func next() async throws -> KafkaConsumerMessage? {
            if index < batch.messages.count, core.handOut(upTo: index + 1, ifNoRevocationSince: revocationCount) {
                index += 1
                return batch.message(at: index - 1)
            }
            return try await nextFromNewBatch()
        }

        /// The slow path: refill the buffer from a new batch, or drop messages of revoked partitions first.
        @usableFromInline
        mutating func nextFromNewBatch() async throws -> KafkaConsumerMessage? {
            while true {
                while index == batch.messages.count {
                    if Task.isCancelled { return nil }
                    guard let next = try await core.pollBatch(limit: 4096) else { return nil }
                    let finished = batch
                    batch = next
                    index = 0
                    revocationCount = next.revocationCount
                    core.startHandingOut(batch, revocationCount: revocationCount)
                    // The core no longer holds the finished batch either, so its arrays can be filled again.
                    core.recycle(finished)
                }
                dropRevokedIfNeeded()
                guard index < batch.messages.count else { continue }
                index += 1
                core.handedOut.store(index, ordering: .releasing)
                return batch.message(at: index - 1)
            }
        }

        /// A rebalance may have taken partitions away while this batch waited: their messages now belong
        /// to another member, which will read them from the committed offset, so they must not be handed out.
        private mutating func dropRevokedIfNeeded() {
            let current = core.revocationCount.load(ordering: .acquiring)
            guard current != revocationCount else { return }
            let revoked = core.partitionsRevoked(since: revocationCount)
            revocationCount = current
            batch.messages.removeFirst(index)
            batch.removeMessages(of: revoked)
            index = 0
            core.startHandingOut(batch, revocationCount: revocationCount)
        }
    }
}

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
        /// This iterator's hold on the consumer's messages; `nil` when another iterator held them already.
        let claim: IteratorClaim?
        @usableFromInline var batch = PolledBatch()
        @usableFromInline var index = 0
        @usableFromInline var revocationCount: UInt64 = 0
        /// How many messages the next poll may collect, and when the current batch began to be handed out.
        @usableFromInline var batchLimit = Self.firstBatchLimit
        @usableFromInline var handingOutSince: ContinuousClock.Instant?

        init(core: ConsumerCore) {
            self.core = core
            self.claim = IteratorClaim(core: core)
        }

        /// The next batch's size is what the application took about ``handOutTarget`` to process last time,
        /// within these bounds: a rebalance callback is only served between batches, so a slow loop must not
        /// sit on thousands of messages while the group waits for it to give partitions up.
        @usableFromInline static let firstBatchLimit = 256
        @usableFromInline static let batchLimits = 16...4096
        @usableFromInline static let handOutTarget = 0.05

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
            guard claim != nil else {
                throw KafkaError(
                    code: .state,
                    message: "consumer.messages is already being iterated: a consumer has one iterator at a time; "
                        + "hand messages from that loop to other tasks instead of iterating twice",
                    subject: "messages")
            }
            while true {
                while index == batch.messages.count {
                    if Task.isCancelled { return nil }
                    adaptBatchLimit()
                    guard let next = try await core.pollBatch(limit: batchLimit) else { return nil }
                    let finished = batch
                    batch = next
                    index = 0
                    revocationCount = next.revocationCount
                    core.startHandingOut(batch, revocationCount: revocationCount)
                    // The core no longer holds the finished batch either, so its arrays can be filled again.
                    core.recycle(finished)
                    handingOutSince = .now
                }
                dropRevokedIfNeeded()
                guard index < batch.messages.count else { continue }
                index += 1
                core.handedOut.store(index, ordering: .releasing)
                return batch.message(at: index - 1)
            }
        }

        /// Sizes the next batch by how fast the application went through the last one.
        private mutating func adaptBatchLimit() {
            guard let since = handingOutSince, !batch.messages.isEmpty else { return }
            handingOutSince = nil
            let elapsed = since.duration(to: .now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let affordable = seconds > 0 ? Double(batch.messages.count) * Self.handOutTarget / seconds : Double(Self.batchLimits.upperBound)
            batchLimit = Int(Swift.min(Swift.max(affordable, Double(Self.batchLimits.lowerBound)), Double(Self.batchLimits.upperBound)))
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

/// Marks a consumer's messages as being iterated, for as long as the iterator holding it exists.
final class IteratorClaim: Sendable {
    let core: ConsumerCore

    /// Claims the consumer's messages; `nil` when another iterator holds them.
    init?(core: ConsumerCore) {
        guard core.isIterated.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else {
            return nil
        }
        self.core = core
    }

    deinit { core.isIterated.store(false, ordering: .releasing) }
}

import Synchronization

/// Something the producer reports asynchronously: delivery reports of messages sent with
/// ``KafkaProducer/enqueue(_:)``, and client-level errors.
public enum KafkaProducerEvent: Sendable, Hashable {
    /// Delivery reports, in the batches librdkafka produced them.
    case deliveryReports([KafkaDeliveryReport])
    /// An error not tied to one message, e.g. all brokers down; fatal ones stop the producer.
    case error(KafkaError)
}

/// The producer's events as an `AsyncSequence`.
///
/// The sequence is bounded: once about `bufferedReportLimit` delivery reports (see
/// ``KafkaProducer/makeProducerWithEvents(config:bufferedReportLimit:logger:)``) wait to be read, the
/// producer stops taking reports from librdkafka until the reader catches up. Undelivered reports then keep
/// librdkafka's queue full (`queue.buffering.max.messages`), so ``KafkaProducer/enqueue(_:)`` suspends: a
/// slow reader slows the sender down instead of growing memory. Iterate it from one task.
public struct KafkaProducerEvents: AsyncSequence, Sendable {
    /// The element type.
    public typealias Element = KafkaProducerEvent
    let stream: AsyncStream<KafkaProducerEvent>
    let channel: ProducerEventChannel

    /// Makes an iterator.
    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: stream.makeAsyncIterator(), channel: channel) }

    /// Iterates the events; ends when the producer has shut down and every report was delivered.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncStream<KafkaProducerEvent>.AsyncIterator
        let channel: ProducerEventChannel
        /// The next event, or `nil` after shutdown.
        public mutating func next() async -> KafkaProducerEvent? {
            let event = await base.next()
            if case .deliveryReports(let reports) = event { channel.read(reports.count) }
            return event
        }
    }
}

/// Carries the producer's events from its poller to the events sequence, and counts the delivery reports
/// waiting in between so the poller can stop taking more (see ``KafkaProducerEvents``).
final class ProducerEventChannel: @unchecked Sendable {
    // `@unchecked Sendable`: `onRoom` is set once, before the poller starts; the rest is a Mutex and the
    // stream's own thread-safe continuation.
    private let continuation: AsyncStream<KafkaProducerEvent>.Continuation
    let limit: Int
    /// Resumes the poller after it paused; set by the producer before its poller starts.
    var onRoom: (@Sendable () -> Void)?
    private let counts = Mutex(Counts())

    struct Counts {
        var buffered = 0
        var paused = false
        /// Set when the bound no longer applies: the producer is closing, or nobody reads any more.
        var lifted = false
    }

    private init(continuation: AsyncStream<KafkaProducerEvent>.Continuation, limit: Int) {
        self.continuation = continuation
        self.limit = limit
    }

    /// Makes a channel and the sequence its events are read from.
    static func make(limit: Int) -> (ProducerEventChannel, KafkaProducerEvents) {
        let (stream, continuation) = AsyncStream<KafkaProducerEvent>.makeStream()
        let channel = ProducerEventChannel(continuation: continuation, limit: max(1, limit))
        continuation.onTermination = { [weak channel] _ in channel?.lift() }
        return (channel, KafkaProducerEvents(stream: stream, channel: channel))
    }

    /// The number of delivery reports yielded and not yet read.
    var bufferedReports: Int { counts.withLock { $0.buffered } }

    func yield(reports: [KafkaDeliveryReport]) {
        counts.withLock { $0.buffered += reports.count }
        continuation.yield(.deliveryReports(reports))
    }

    func yield(error: KafkaError) {
        continuation.yield(.error(error))
    }

    func finish() { continuation.finish() }

    /// Called by the poller before it takes an event: `true` (and the poller pauses) while the reader is behind.
    func pauseIfFull() -> Bool {
        counts.withLock { counts in
            guard !counts.lifted, counts.buffered >= limit else { return false }
            counts.paused = true
            return true
        }
    }

    /// The reader took `count` reports; resumes the poller when that made room.
    func read(_ count: Int) {
        let resume = counts.withLock { counts -> Bool in
            counts.buffered -= count
            guard counts.paused, counts.buffered < limit else { return false }
            counts.paused = false
            return true
        }
        if resume { onRoom?() }
    }

    /// Removes the bound (closing, or the reader went away) and resumes a paused poller.
    func lift() {
        let resume = counts.withLock { counts -> Bool in
            counts.lifted = true
            defer { counts.paused = false }
            return counts.paused
        }
        if resume { onRoom?() }
    }
}

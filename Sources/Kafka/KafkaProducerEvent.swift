/// Something the producer reports asynchronously: delivery reports of messages sent with
/// ``KafkaProducer/enqueue(_:)``, and client-level errors.
public enum KafkaProducerEvent: Sendable, Hashable {
    /// Delivery reports, in the batches librdkafka produced them.
    case deliveryReports([KafkaDeliveryReport])
    /// An error not tied to one message, e.g. all brokers down; fatal ones stop the producer.
    case error(KafkaError)
}

/// The producer's events as an `AsyncSequence`. Drain it: events are buffered until read.
public struct KafkaProducerEvents: AsyncSequence, Sendable {
    /// The element type.
    public typealias Element = KafkaProducerEvent
    let stream: AsyncStream<KafkaProducerEvent>

    /// Makes an iterator.
    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: stream.makeAsyncIterator()) }

    /// Iterates the events; ends when the producer has shut down and every report was delivered.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncStream<KafkaProducerEvent>.AsyncIterator
        /// The next event, or `nil` after shutdown.
        public mutating func next() async -> KafkaProducerEvent? { await base.next() }
    }
}

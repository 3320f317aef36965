import CRdKafka
public import Logging
public import ServiceLifecycle
import Synchronization

/// Sends messages to Kafka.
///
/// Two ways to send:
/// - ``send(_:)`` waits for the message's delivery report and returns where it was written, or throws.
/// - ``enqueue(_:)`` returns as soon as librdkafka holds the message; its report arrives on the events
///   sequence from ``makeProducerWithEvents(config:logger:)``. Use it for throughput.
///
/// Both suspend while librdkafka's local queue is full (`queue.buffering.max.messages`/`.kbytes`) and
/// resume when deliveries make room: backpressure, not an error and not a dropped message.
///
/// - Important: Call ``shutdown(timeout:)`` (or run the producer as a `Service`) before dropping it, so every
///   queued message is delivered or reported.
public final class KafkaProducer: Service, Sendable {
    @usableFromInline let core: ProducerCore

    /// Creates a producer.
    /// - Parameters:
    ///   - config: librdkafka properties; `bootstrap.servers` is required.
    ///   - logger: Receives librdkafka's logs and the producer's own.
    /// - Throws: ``KafkaError`` when librdkafka rejects the configuration.
    public convenience init(config: KafkaConfig, logger: Logger = Logger(label: "kafka.producer")) throws {
        try self.init(core: ProducerCore(config: config, logger: logger, events: nil))
    }

    init(core: ProducerCore) {
        self.core = core
    }

    /// Creates a producer together with the sequence of its events (delivery reports of enqueued messages,
    /// client errors).
    /// - Parameters:
    ///   - config: librdkafka properties.
    ///   - bufferedReportLimit: How many delivery reports may wait unread before the producer stops taking
    ///     more from librdkafka, which then makes ``enqueue(_:)`` suspend (see ``KafkaProducerEvents``).
    ///   - logger: Receives librdkafka's logs.
    /// - Returns: The producer and its events; read the events, or sending stops once the bound is reached.
    public static func makeProducerWithEvents(
        config: KafkaConfig,
        bufferedReportLimit: Int = 100_000,
        logger: Logger = Logger(label: "kafka.producer")
    ) throws -> (KafkaProducer, KafkaProducerEvents) {
        let (channel, events) = ProducerEventChannel.make(limit: bufferedReportLimit)
        let producer = KafkaProducer(core: try ProducerCore(config: config, logger: logger, events: channel))
        return (producer, events)
    }

    /// Hands the teardown to a thread of its own when the producer was not shut down: dropping the last
    /// reference never blocks the dropping thread.
    deinit { core.abandon() }

    /// Sends a message and waits for its delivery report.
    /// - Parameter message: The message.
    /// - Returns: The partition and offset it was written at.
    /// - Throws: ``KafkaError`` when the message could not be delivered (after librdkafka's retries) or the
    ///   producer is shutting down. Cancelling the caller does not recall a message librdkafka already holds.
    @discardableResult
    public func send(_ message: KafkaProducerMessage) async throws -> KafkaDeliveryReport {
        let report = try await core.send(message)
        if let error = report.error { throw error }
        return report
    }

    /// Hands a message to librdkafka without waiting for delivery; suspends only while the local queue is full.
    /// - Parameter message: The message.
    /// - Returns: The id its delivery report will carry on the events sequence.
    /// - Throws: ``KafkaError`` when librdkafka refuses the message outright (e.g. too large, unknown
    ///   partition) or the producer is shutting down.
    @discardableResult
    @inlinable
    public func enqueue(_ message: KafkaProducerMessage) async throws -> KafkaMessageID {
        // The common case needs no suspension; inlined into the caller's loop, it costs no async frame either.
        while true {
            switch try core.offer(message) {
            case .enqueued(let id): return id
            case .queueFull(let generation): await core.waitForSpace(since: generation)
            }
        }
    }

    /// Waits until every message handed over so far has been delivered or failed.
    /// - Parameter timeout: How long to wait.
    /// - Throws: ``KafkaError`` `_TIMED_OUT` when messages are still outstanding after `timeout`; the closed
    ///   error (code `_DESTROY`) once ``shutdown(timeout:)`` has begun.
    public func flush(timeout: Duration = .seconds(30)) async throws {
        try await core.flush(timeout: timeout)
    }

    /// The number of messages librdkafka still holds (queued, in flight, or awaiting their report).
    /// - Throws: The closed error (code `_DESTROY`) once ``shutdown(timeout:)`` has begun.
    public var outstandingMessageCount: Int {
        get throws { try core.outstandingMessageCount }
    }

    /// Stops the producer: waits up to `timeout` for every queued message to be delivered, fails the rest
    /// with a purge error (so each is reported), waits for calls still running (a flush, a transaction
    /// call) to return, then releases librdkafka. From the moment it begins, every other call throws the
    /// closed error (code `_DESTROY`); a second `shutdown` waits for the first to finish.
    /// - Parameter timeout: How long to wait for outstanding deliveries.
    public func shutdown(timeout: Duration = .seconds(10)) async {
        await core.shutdown(timeout: timeout)
    }

    /// Runs until graceful shutdown or cancellation, then shuts the producer down (`Service`).
    public func run() async throws {
        try? await gracefulShutdown()
        await shutdown()
    }
}

extension Duration {
    var milliseconds: Int32 {
        let (seconds, attoseconds) = components
        return Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }
}

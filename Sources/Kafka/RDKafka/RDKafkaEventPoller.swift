import CRdKafka
import Dispatch

/// Drains a librdkafka event queue whenever librdkafka says it has become non-empty.
///
/// librdkafka calls the queue's event callback on one of its own threads when the queue goes from empty to
/// non-empty (`rd_kafka_queue_cb_event_enable`). That callback may not call librdkafka, so it only schedules
/// a drain on a private serial queue; the drain empties the queue with non-blocking polls, so the next event
/// triggers the callback again. Nothing sleeps on a timer, and nothing runs on Swift's cooperative pool.
///
/// `@unchecked Sendable`: `queue` is immutable; `handler`, `onDrained` and `isStopped` are only touched on
/// `drainQueue` (the closures are dropped in ``stop()`` to break the cycle with their owner).
final class RDKafkaEventPoller: @unchecked Sendable {
    private let queue: OpaquePointer
    private let drainQueue: DispatchQueue
    private var handler: (@Sendable (OpaquePointer) -> Void)?
    private var onDrained: (@Sendable () -> Void)?
    private var shouldPause: (@Sendable () -> Bool)?
    private var isStopped = false
    private var reference: Unmanaged<RDKafkaEventPoller>?

    /// Creates a poller for `queue`.
    /// - Parameters:
    ///   - handler: Sees each event; must not keep it, since it is destroyed right after.
    ///   - onDrained: Runs once the queue is empty and every drained event destroyed (so anything they held,
    ///     such as space in the producer's queue, is free again).
    ///   - shouldPause: Asked before each event; `true` leaves the queue as it is until ``resume()``.
    init(
        queue: OpaquePointer,
        label: String,
        handler: @escaping @Sendable (OpaquePointer) -> Void,
        onDrained: (@Sendable () -> Void)? = nil,
        shouldPause: (@Sendable () -> Bool)? = nil
    ) {
        self.queue = queue
        self.drainQueue = DispatchQueue(label: label)
        self.handler = handler
        self.onDrained = onDrained
        self.shouldPause = shouldPause
    }

    /// Drains again after ``init(queue:label:handler:onDrained:shouldPause:)``'s `shouldPause` paused it:
    /// librdkafka calls back only when the queue goes from empty to non-empty, which a paused queue is not.
    func resume() { scheduleDrain() }

    /// Starts listening; also drains whatever arrived before the callback was enabled.
    func start() {
        let reference = Unmanaged.passRetained(self)
        self.reference = reference
        rd_kafka_queue_cb_event_enable(queue, rdKafkaQueueNonEmpty, reference.toOpaque())
        scheduleDrain()
    }

    fileprivate func scheduleDrain() {
        drainQueue.async { self.drain() }
    }

    private func drain() {
        guard !isStopped, let handler else { return }
        var drainedAny = false
        while shouldPause?() != true, let event = rd_kafka_queue_poll(queue, 0) {
            handler(event)
            rd_kafka_event_destroy(event)
            drainedAny = true
        }
        if drainedAny { onDrained?() }
    }

    /// Stops listening after a last drain; returns once no drain is running or scheduled.
    func stop() {
        rd_kafka_queue_cb_event_enable(queue, nil, nil)
        drainQueue.sync {
            drain()
            isStopped = true
            handler = nil
            onDrained = nil
            shouldPause = nil
        }
        reference?.release()
        reference = nil
    }
}

private func rdKafkaQueueNonEmpty(_ handle: OpaquePointer?, _ opaque: UnsafeMutableRawPointer?) {
    guard let opaque else { return }
    Unmanaged<RDKafkaEventPoller>.fromOpaque(opaque).takeUnretainedValue().scheduleDrain()
}

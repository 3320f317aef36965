import CRdKafka
import Logging
import Synchronization

/// The producer's machinery: the librdkafka handle, the event poller that reads delivery reports in
/// batches, and the state that matches reports to waiting callers.
///
/// `@unchecked Sendable`: mutable state lives in `state` (a `Mutex`); the handle, queue and poller are
/// set once in `init`, and librdkafka's produce and poll calls are thread-safe.
@usableFromInline
final class ProducerCore: @unchecked Sendable {
    let handle: RDKafkaHandle
    let logger: Logger
    let isTransactional: Bool
    private let mainQueue: OpaquePointer
    private var poller: RDKafkaEventPoller!
    private let events: AsyncStream<KafkaProducerEvent>.Continuation?
    let state = Mutex(State())

    struct State {
        enum Phase { case running, shuttingDown, shutDown }
        var phase = Phase.running
        var nextID: UInt64 = 1
        /// Ids handed out whose message librdkafka refused, and reports received: with `nextID` they tell
        /// how many messages are still outstanding without counting every message twice.
        var refusedOffers: UInt64 = 0
        var reportsReceived: UInt64 = 0
        var awaiting: [UInt64: CheckedContinuation<KafkaDeliveryReport, any Error>] = [:]
        var spaceWaiters: [CheckedContinuation<Void, Never>] = []
        var spaceGeneration: UInt64 = 0
        var topics: [String: OpaquePointer] = [:]
        /// The last topic sent to: most producers send to one topic, so this skips hashing its name.
        var lastTopic: (name: String, handle: OpaquePointer)?
        var transactionsInitialized = false
        var fatalError: KafkaError?
    }

    /// The opaque carries the message id shifted left, with the low bit set when a caller awaits it.
    private static let awaitedFlag: UInt64 = 1

    init(config: KafkaConfig, logger: Logger, events: AsyncStream<KafkaProducerEvent>.Continuation?) throws {
        guard !config.bootstrapServers.isEmpty else {
            throw KafkaError(
                code: .invalidArgument,
                message: "bootstrap.servers is not set: set KafkaConfig.bootstrapServers "
                    + "to the brokers to connect to",
                subject: "bootstrap.servers")
        }
        let context = RDKafkaContext(logger: logger)
        let mask = RD_KAFKA_EVENT_DR | RD_KAFKA_EVENT_ERROR
        self.handle = try RDKafkaHandle(kind: .producer, config: config, events: mask, context: context)
        self.logger = logger
        self.isTransactional = config.transactionalId != nil
        self.events = events
        self.mainQueue = rd_kafka_queue_get_main(handle.pointer)
        self.poller = RDKafkaEventPoller(
            queue: mainQueue,
            label: "kafka.producer.events",
            handler: { [self] event in self.handle(event: event) },
            onDrained: { [self] in self.spaceFreed() }
        )
        poller.start()
    }

    // MARK: Sending

    /// An internal signal that the local queue was full when the message was offered.
    private struct QueueFull: Error { let generation: UInt64 }

    func send(_ message: KafkaProducerMessage) async throws -> KafkaDeliveryReport {
        while true {
            do {
                return try await withCheckedThrowingContinuation { continuation in
                    let registration = state.withLock { state -> Result<(UInt64, OpaquePointer, UInt64), KafkaError> in
                        if let refusal = Self.refusal(state) { return .failure(refusal) }
                        let id = state.nextID
                        state.nextID += 1
                        state.awaiting[id] = continuation
                        return .success((id, topicHandle(message.topic, in: &state), state.spaceGeneration))
                    }
                    let (id, topic, generation): (UInt64, OpaquePointer, UInt64)
                    switch registration {
                    case .failure(let error):
                        continuation.resume(throwing: error)
                        return
                    case .success(let values):
                        (id, topic, generation) = values
                    }
                    let opaque = id << 1 | Self.awaitedFlag
                    if let error = RDKafkaProduce.produce(handle: handle.pointer, topic: topic, message: message, opaque: opaque) {
                        state.withLock { state in
                            state.awaiting.removeValue(forKey: id)
                            state.refusedOffers += 1
                        }
                        if error.code == .queueFull {
                            continuation.resume(throwing: QueueFull(generation: generation))
                        } else {
                            continuation.resume(throwing: error)
                        }
                    }
                }
            } catch let full as QueueFull {
                await waitForSpace(since: full.generation)
            }
        }
    }

    /// The outcome of offering a message without waiting.
    @usableFromInline
    enum Offer {
        case enqueued(KafkaMessageID)
        /// The local queue was full; wait for space since this generation, then offer again.
        case queueFull(generation: UInt64)
    }

    /// Offers a message to librdkafka without suspending (the hot path of ``enqueue(_:)``).
    @usableFromInline
    func offer(_ message: KafkaProducerMessage) throws -> Offer {
        let (id, topic, generation) = try state.withLock { state -> (UInt64, OpaquePointer, UInt64) in
            if let refusal = Self.refusal(state) { throw refusal }
            let id = state.nextID
            state.nextID += 1
            return (id, topicHandle(message.topic, in: &state), state.spaceGeneration)
        }
        guard let error = RDKafkaProduce.produce(handle: handle.pointer, topic: topic, message: message, opaque: id << 1) else {
            return .enqueued(KafkaMessageID(rawValue: id))
        }
        state.withLock { $0.refusedOffers += 1 }
        guard error.code == .queueFull else { throw error }
        return .queueFull(generation: generation)
    }

    func enqueue(_ message: KafkaProducerMessage) async throws -> KafkaMessageID {
        while true {
            switch try offer(message) {
            case .enqueued(let id): return id
            case .queueFull(let generation): await waitForSpace(since: generation)
            }
        }
    }

    private static func refusal(_ state: State) -> KafkaError? {
        if let fatal = state.fatalError { return fatal }
        return state.phase == .running ? nil : .shutDown("producer")
    }

    private func topicHandle(_ name: String, in state: inout State) -> OpaquePointer {
        if let last = state.lastTopic, last.name == name { return last.handle }
        let topic: OpaquePointer
        if let known = state.topics[name] {
            topic = known
        } else {
            // rd_kafka_topic_new only fails for an invalid topic configuration, and none is passed here.
            topic = rd_kafka_topic_new(handle.pointer, name, nil)!
            state.topics[name] = topic
        }
        state.lastTopic = (name, topic)
        return topic
    }

    @usableFromInline
    func waitForSpace(since generation: UInt64) async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state -> Bool in
                if state.spaceGeneration != generation || state.phase != .running { return true }
                state.spaceWaiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    private func spaceFreed() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.spaceGeneration &+= 1
            defer { state.spaceWaiters.removeAll() }
            return state.spaceWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    var outstandingMessageCount: Int { Int(rd_kafka_outq_len(handle.pointer)) }

    // MARK: Events

    private func handle(event: OpaquePointer) {
        switch rd_kafka_event_type(event) {
        case RD_KAFKA_EVENT_DR:
            handleDeliveryReports(event)
        case RD_KAFKA_EVENT_ERROR:
            handleError(event)
        default:
            break
        }
    }

    private func handleDeliveryReports(_ event: OpaquePointer) {
        var awaited: [(UInt64, KafkaDeliveryReport)] = []
        var unawaited: [KafkaDeliveryReport] = []
        unawaited.reserveCapacity(rd_kafka_event_message_count(event))
        let capacity = 1024
        withUnsafeTemporaryAllocation(of: UnsafePointer<rd_kafka_message_t>?.self, capacity: capacity) { buffer in
            while true {
                let count = rd_kafka_event_message_array(event, buffer.baseAddress, capacity)
                if count == 0 { break }
                for index in 0..<count {
                    guard let message = buffer[index]?.pointee else { continue }
                    let opaque = UInt64(UInt(bitPattern: message._private))
                    let id = KafkaMessageID(rawValue: opaque >> 1)
                    let error: KafkaError? = message.err == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : deliveryError(message)
                    let report = KafkaDeliveryReport(id: id, partition: message.partition, offset: message.offset, error: error)
                    if opaque & Self.awaitedFlag != 0 {
                        awaited.append((opaque >> 1, report))
                    } else {
                        unawaited.append(report)
                    }
                }
            }
        }
        let continuations = state.withLock { state in
            state.reportsReceived += UInt64(awaited.count + unawaited.count)
            return awaited.map { (state.awaiting.removeValue(forKey: $0.0), $0.1) }
        }
        for (continuation, report) in continuations { continuation?.resume(returning: report) }
        guard !unawaited.isEmpty else { return }
        if let events {
            events.yield(.deliveryReports(unawaited))
        } else {
            for report in unawaited where report.error != nil {
                logger.error("message \(report.id) was not delivered: \(report.error!.message)")
            }
        }
    }

    private func deliveryError(_ message: rd_kafka_message_t) -> KafkaError {
        var copy = message
        let code = KafkaError.Code(rawValue: message.err.rawValue)
        let text = rd_kafka_message_errstr(&copy).map { String(cString: $0) } ?? code.librdkafkaDescription
        let topic = message.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? "?"
        var error = KafkaError(code: code, context: "delivery to '\(topic)' failed", subject: topic)
        error.message = "delivery to '\(topic)' failed: \(text)" + code.advice
        return error
    }

    private func handleError(_ event: OpaquePointer) {
        let code = KafkaError.Code(rawValue: rd_kafka_event_error(event).rawValue)
        let text = rd_kafka_event_error_string(event).map { String(cString: $0) } ?? code.librdkafkaDescription
        let isFatal = rd_kafka_event_error_is_fatal(event) != 0
        var error = KafkaError(code: code, message: text + code.advice, isRetriable: code.isRetriableByDefault, isFatal: isFatal)
        if isFatal, let fatal = handle.fatalError {
            error = fatal
            state.withLock { $0.fatalError = fatal }
            logger.critical("producer stopped by a fatal error: \(fatal)")
        } else {
            logger.warning("\(error)")
        }
        events?.yield(.error(error))
    }

    // MARK: Flush and shutdown

    func flush(timeoutMs: Int32) async throws {
        let handle = self.handle
        let code = await BlockingCalls.run { rd_kafka_flush(handle.pointer, timeoutMs).rawValue }
        if code != 0 {
            throw KafkaError(
                code: .init(rawValue: code),
                message: "\(outstandingMessageCount) message(s) still outstanding after \(timeoutMs) ms; "
                    + "check that the brokers are reachable",
                isRetriable: true)
        }
    }

    func shutdown(timeoutMs: Int32) async {
        let proceed = state.withLock { state -> Bool in
            guard state.phase == .running else { return false }
            state.phase = .shuttingDown
            return true
        }
        guard proceed else { return }
        // Waiters for space resume and find the producer shutting down.
        spaceFreed()
        await BlockingCalls.run { self.teardown(timeoutMs: timeoutMs) }
    }

    /// Called when the public producer is dropped without a shutdown: release librdkafka anyway.
    func abandon() {
        let proceed = state.withLock { state -> Bool in
            guard state.phase == .running else { return false }
            state.phase = .shuttingDown
            return true
        }
        guard proceed else { return }
        logger.warning("KafkaProducer dropped without shutdown(); undelivered messages are purged")
        teardown(timeoutMs: 0)
    }

    /// Messages handed to librdkafka whose report has not arrived yet.
    private var outstandingMessages: UInt64 {
        state.withLock { $0.nextID - 1 - $0.refusedOffers - $0.reportsReceived }
    }

    /// Waits until every message is reported or `timeoutMs` passes. librdkafka's own flush also waits for
    /// internal requests (metadata, producer id) that never finish while no broker is reachable, so it is
    /// called in short slices and stopped as soon as no message is outstanding.
    private func flushMessages(timeoutMs: Int32) -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(timeoutMs))
        while outstandingMessages > 0 {
            if ContinuousClock.now >= deadline { return false }
            _ = rd_kafka_flush(handle.pointer, 100)
        }
        return true
    }

    /// Delivers or purges everything, stops the poller, and destroys librdkafka objects in the order
    /// librdkafka needs (topics and queues before the handle). Runs off the cooperative pool.
    private func teardown(timeoutMs: Int32) {
        if !flushMessages(timeoutMs: timeoutMs) {
            let purge = Int32(RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT)
            rd_kafka_purge(handle.pointer, purge)
            // Purged messages get delivery reports (_PURGE_QUEUE/_PURGE_INFLIGHT); let the poller serve them.
            _ = flushMessages(timeoutMs: 5000)
        }
        poller.stop()
        let (leftovers, topics) = state.withLock { state in
            defer {
                state.awaiting.removeAll()
                state.topics.removeAll()
                state.lastTopic = nil
                state.phase = .shutDown
            }
            return (Array(state.awaiting.values), Array(state.topics.values))
        }
        for continuation in leftovers { continuation.resume(throwing: KafkaError.shutDown("producer")) }
        events?.finish()
        for topic in topics { rd_kafka_topic_destroy(topic) }
        rd_kafka_queue_destroy(mainQueue)
        handle.destroy()
    }
}

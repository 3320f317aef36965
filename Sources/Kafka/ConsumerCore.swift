import CRdKafka
import Dispatch
import Logging
import Synchronization

/// The consumer's machinery: the librdkafka handle, the serial queue that polls it, and the lifecycle.
///
/// `@unchecked Sendable`: the handle and queues are set once; mutable state lives in `state` (a `Mutex`);
/// `rd_kafka_consumer_poll` and `rd_kafka_consumer_close` only ever run on `pollQueue`.
@usableFromInline
final class ConsumerCore: @unchecked Sendable {
    let handle: RDKafkaHandle
    let logger: Logger
    let bridge: RebalanceBridge
    /// Where `rd_kafka_consumer_poll` and the close run, one at a time.
    let pollQueue = DispatchQueue(label: "kafka.consumer.poll")
    let state = Mutex(State())

    struct State {
        enum Phase { case running, closing, closed }
        var phase = Phase.running
        var pendingError: KafkaError?
        /// Partitions taken away by recent rebalances, by revocation number.
        var revocations: [(number: UInt64, partitions: Set<KafkaTopicPartition>)] = []
        /// Where seeks moved partitions from which no message has been polled since: their position until
        /// then (librdkafka reports the last polled message's until a new one arrives).
        var sought: [KafkaTopicPartition: Int64] = [:]
        /// Partitions added by recent assignments, by number, with the revocation count when they were added
        /// and the start offsets their handler chose.
        var assignments: [(number: UInt64, afterRevocation: UInt64, starts: [KafkaTopicPartition: Int64?])] = []
    }

    /// The consumer queue, read in batches between single polls (`nil` without a group, where only polls work).
    let consumerQueue: OpaquePointer?
    /// Where a batch read puts its messages; only touched on `pollQueue`.
    let readBuffer = UnsafeMutablePointer<UnsafeMutablePointer<rd_kafka_message_t>?>.allocate(capacity: batchReadSize)
    /// Held for the duration of each batch read (see ConsumerCore+BatchReads.swift).
    let batchReadLock = Mutex<Void>(())
    /// Pauses and resumes that wait for a batch read to return or for an earlier subscribe or assign to take
    /// effect (see ConsumerCore+BatchReads.swift).
    let pauses = Mutex(PauseQueue())

    struct PauseQueue {
        /// Subscribe and assign calls queued on the poll queue and not yet made.
        var membershipChangesPending = 0
        var deferred: [(partitions: [KafkaTopicPartition], resume: Bool)] = []
    }
    /// Counts assignments, as ``revocationCount`` counts revocations.
    let assignmentCount = Atomic<UInt64>(0)
    /// Where a partition without a committed offset starts: `auto.offset.reset` as a logical offset
    /// (librdkafka's default is the end).
    let resetOffset: Int64

    /// Where a partition starts from its committed offset: there, or at ``resetOffset`` when nothing is
    /// committed (librdkafka refuses a seek to the stored offset).
    func start(fromCommitted item: KafkaTopicPartitionOffset) -> KafkaTopicPartitionOffset {
        KafkaTopicPartitionOffset(topic: item.topic, partition: item.partition, offset: item.offset >= 0 ? item.offset : resetOffset)
    }

    /// Whether the consumer emulates librdkafka's automatic offset store for handed-out messages.
    let storesHandedOutOffsets: Bool
    /// Whether the group protocol is cooperative-sticky, whose assignor state librdkafka < 2.3.0 mishandles.
    let usesCooperativeSticky: Bool
    /// Set once ``subscribe(topics:)`` succeeded: the consumer then takes part in group rebalances.
    let isSubscribed = Atomic<Bool>(false)
    /// The batch the iterator is handing out, and how many of its messages it has handed out.
    let delivery = Mutex(Delivery())
    let handedOut = Atomic<Int>(0)

    struct Delivery {
        var batch = PolledBatch()
        var stored = 0
        /// The revocation count the iterator had checked the batch against.
        var revocationCount: UInt64 = 0
    }

    /// The prefetch limit in messages when the configuration does not set `queued.min.messages`.
    ///
    /// librdkafka 2.0.2 compares this limit with the whole consumer queue, not one partition's share, and a
    /// partition that finds the queue over it is skipped until its broker thread next wakes, up to a second
    /// later: nothing wakes it when the application drains the queue. A fetch burst from a few brokers
    /// fills 100,000 messages (the default) before any consumer that copies its messages can drain them, so
    /// reading a large backlog stalled for a second at a time. With this higher count,
    /// `queued.max.messages.kbytes` (64 MiB by default) is what bounds the prefetch, as librdkafka documents.
    static let queuedMinMessages = "1000000"

    /// Called by the iterator when it starts handing out a (new or filtered) batch.
    func startHandingOut(_ batch: PolledBatch, revocationCount: UInt64) {
        delivery.withLock { delivery in
            storeHandedOut(&delivery)
            delivery.batch = batch
            delivery.stored = 0
            delivery.revocationCount = revocationCount
            handedOut.store(0, ordering: .releasing)
        }
    }

    /// Stores the offsets of messages handed out since the last store (emulated auto offset store).
    func storeHandedOut() {
        delivery.withLock { storeHandedOut(&$0) }
    }

    private func storeHandedOut(_ delivery: inout Delivery) {
        guard storesHandedOutOffsets else { return }
        let batch = delivery.batch
        let count = min(handedOut.load(ordering: .acquiring), batch.messages.count)
        guard count > delivery.stored else { return }
        // Runs of one partition are the rule and a batch spans few partitions, so a short list searched from
        // the last hit is far cheaper per message than hashing each message's partition into a dictionary.
        var next: [(topic: Int, partition: Int32, offset: Int64)] = []
        var last = 0
        for message in batch.messages[delivery.stored..<count] {
            if last < next.count, next[last].partition == message.partition, next[last].topic == message.topic {
                next[last].offset = message.offset + 1
            } else if let index = next.firstIndex(where: { $0.partition == message.partition && $0.topic == message.topic }) {
                next[index].offset = message.offset + 1
                last = index
            } else {
                next.append((message.topic, message.partition, message.offset + 1))
                last = next.count - 1
            }
        }
        delivery.stored = count
        let list = RDKafkaPartitionList(
            next.map { KafkaTopicPartitionOffset(topic: batch.topics[$0.topic], partition: $0.partition, offset: $0.offset) })
        // Partitions revoked meanwhile refuse the store; their next owner reads from the committed offset.
        _ = rd_kafka_offsets_store(handle.pointer, list.pointer)
    }

    /// The first message not yet handed out per partition, which is the application's position there.
    private func bufferedPositions() -> [KafkaTopicPartition: Int64] {
        let (batch, start, checkedAt) = delivery.withLock { delivery in
            (delivery.batch, min(handedOut.load(ordering: .acquiring), delivery.batch.messages.count), delivery.revocationCount)
        }
        // Buffered messages of partitions revoked or sought since will never be handed out.
        let stale = partitionsRevoked(since: checkedAt)
        var first: [KafkaTopicPartition: Int64] = [:]
        for message in batch.messages[start...] {
            let partition = batch.topicPartition(of: message)
            if first[partition] == nil, !stale.contains(partition) { first[partition] = message.offset }
        }
        return first
    }

    /// Counts revocations, so an iterator can tell cheaply whether its buffered batch went stale.
    let revocationCount = Atomic<UInt64>(0)

    /// Records that the iterator handed out its batch's messages up to `count`, unless a rebalance revoked
    /// partitions since `revocationCount` (the batch must then be filtered first).
    @usableFromInline
    func handOut(upTo count: Int, ifNoRevocationSince revocationCount: UInt64) -> Bool {
        guard self.revocationCount.load(ordering: .acquiring) == revocationCount else { return false }
        handedOut.store(count, ordering: .releasing)
        return true
    }

    /// Records partitions revoked or lost, so buffered messages from them are dropped, not processed by
    /// a member that no longer owns them; a seek records the partitions it moved, whose buffered messages
    /// were read before it.
    /// - Parameter forgettingSeeks: Whether the partitions left the assignment, so earlier seeks no longer apply.
    func recordRevocation(_ partitions: [KafkaTopicPartition], forgettingSeeks: Bool = false) {
        state.withLock { state in
            if forgettingSeeks { for partition in partitions { state.sought[partition] = nil } }
            let number = revocationCount.load(ordering: .relaxed) + 1
            state.revocations.append((number, Set(partitions)))
            if state.revocations.count > 64 { state.revocations.removeFirst(state.revocations.count - 64) }
            revocationCount.store(number, ordering: .releasing)
        }
    }

    /// The partitions revoked after revocation number `since`.
    func partitionsRevoked(since: UInt64) -> Set<KafkaTopicPartition> {
        state.withLock { state in
            state.revocations.filter { $0.number > since }.reduce(into: Set()) { $0.formUnion($1.partitions) }
        }
    }

    init(config: KafkaConfig, logger: Logger) throws {
        guard !config.bootstrapServers.isEmpty else {
            throw KafkaError(
                code: .invalidArgument,
                message: "bootstrap.servers is not set: set KafkaConfig.bootstrapServers",
                subject: "bootstrap.servers")
        }
        let context = RDKafkaContext(logger: logger)
        let bridge = RebalanceBridge(logger: logger)
        context.rebalance = bridge
        // librdkafka stores a message's offset when poll returns it; the iterator polls ahead in batches,
        // so the store happens here instead, for messages actually handed to the application.
        self.storesHandedOutOffsets = config["enable.auto.offset.store"] != "false"
        self.usesCooperativeSticky = config["partition.assignment.strategy"]?.contains("cooperative-sticky") ?? false
        var overrides: [String: String] = [:]
        if storesHandedOutOffsets { overrides["enable.auto.offset.store"] = "false" }
        if config["queued.min.messages"] == nil { overrides["queued.min.messages"] = Self.queuedMinMessages }
        let clientConfig = try config.merging(overrides)
        self.handle = try RDKafkaHandle(kind: .consumer, config: clientConfig, events: 0, context: context) { conf in
            rd_kafka_conf_set_rebalance_cb(conf, rdKafkaRebalanceCallback)
            rd_kafka_conf_set_offset_commit_cb(conf, rdKafkaOffsetCommitCallback)
            rd_kafka_conf_set_error_cb(conf, rdKafkaErrorCallback)
        }
        self.logger = logger
        self.bridge = bridge
        let reset = config["auto.offset.reset"]?.lowercased() ?? "largest"
        self.resetOffset = ["smallest", "earliest", "beginning"].contains(reset) ? KafkaOffset.beginning : KafkaOffset.end
        // Route the main queue (callbacks, errors) through the consumer queue, which poll serves.
        rd_kafka_poll_set_consumer(handle.pointer)
        self.consumerQueue = rd_kafka_queue_get_consumer(handle.pointer)
        bridge.attach(self)
    }

    func ensureRunning() throws(KafkaError) {
        let running = state.withLock { $0.phase == .running }
        if !running { throw KafkaError.shutDown("consumer") }
    }

    /// Offsets may still be committed while closing: the final revoke runs the handler during close.
    deinit { readBuffer.deallocate() }

    private func ensureOpen() throws {
        try state.withLock { state in
            if state.phase == .closed { throw KafkaError.shutDown("consumer") }
        }
    }

    // MARK: Subscription and assignment

    // subscribe, assign and assignment wait for librdkafka's main thread to answer, so they run on the poll
    // queue: in order with the polls, never on the caller's (possibly cooperative) thread.

    /// Subscribes before the next poll. What librdkafka refuses there is thrown by the messages sequence.
    func subscribe(topics: [String]) throws {
        try ensureRunning()
        guard !topics.isEmpty, !topics.contains(where: \.isEmpty) else {
            throw KafkaError(
                code: .invalidArgument, message: "subscribe needs at least one topic name and no empty one: got \(topics)",
                subject: "topics")
        }
        pauses.withLock { $0.membershipChangesPending += 1 }
        pollQueue.async { [self] in
            defer { membershipChangeMade() }
            let list = RDKafkaPartitionList(capacity: topics.count)
            for topic in topics { list.add(topic: topic, partition: RD_KAFKA_PARTITION_UA, offset: KafkaOffset.invalid) }
            let code = rd_kafka_subscribe(handle.pointer, list.pointer)
            if code != RD_KAFKA_RESP_ERR_NO_ERROR {
                let error = KafkaError(code: .init(rawValue: code.rawValue), context: "subscribe to \(topics)")
                state.withLock { $0.pendingError = error }
                return
            }
            isSubscribed.store(true, ordering: .releasing)
        }
    }

    /// Assigns before the next poll. What librdkafka refuses there is thrown by the messages sequence.
    func assign(_ offsets: [KafkaTopicPartitionOffset]) throws {
        try ensureRunning()
        pauses.withLock { $0.membershipChangesPending += 1 }
        pollQueue.async { [self] in
            defer { membershipChangeMade() }
            let list = RDKafkaPartitionList(offsets)
            let code = rd_kafka_assign(handle.pointer, list.pointer)
            if code != RD_KAFKA_RESP_ERR_NO_ERROR {
                let error = KafkaError(code: .init(rawValue: code.rawValue), context: "assign \(offsets)")
                state.withLock { $0.pendingError = error }
            }
        }
    }

    /// The current assignment, read after every subscribe and assign requested before.
    func assignment() async throws -> [KafkaTopicPartition] {
        let read: @Sendable () throws -> [KafkaTopicPartition] = { [handle] in
            var raw: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
            let code = rd_kafka_assignment(handle.pointer, &raw)
            guard code == RD_KAFKA_RESP_ERR_NO_ERROR, let raw else {
                throw KafkaError(code: .init(rawValue: code.rawValue), context: "read the assignment")
            }
            return RDKafkaPartitionList(owning: raw).partitions
        }
        // From a rebalance handler the poll queue is waiting for the handler (see seek).
        if bridge.isRunningHandler.load(ordering: .acquiring) { return try await BlockingCalls.run(read) }
        return try await withCheckedThrowingContinuation { continuation in
            pollQueue.async { continuation.resume(with: Result { try read() }) }
        }
    }

    var memberId: String? {
        guard let raw = rd_kafka_memberid(handle.pointer) else { return nil }
        defer { rd_kafka_mem_free(handle.pointer, raw) }
        let id = String(cString: raw)
        return id.isEmpty ? nil : id
    }

    // MARK: Polling

    /// How many bytes of keys and values one batch holds at most, so large messages are not read ahead by
    /// the thousand.
    static let batchByteLimit = 1 << 21

    /// The arrays of the batch the iterator finished, kept for the next poll to fill again.
    ///
    /// A batch's arrays are hundreds of kilobytes, which malloc hands out as fresh pages: allocating them anew
    /// for every batch cost a page fault per 4 KiB, more than the messages' own handling.
    private let spare = Mutex<PolledBatch?>(nil)

    /// Takes back the arrays of a batch the iterator has finished with; it must hold no other reference.
    @usableFromInline
    func recycle(_ batch: consuming PolledBatch) {
        guard batch.hasCapacity else { return }
        spare.withLock { $0 = batch }
    }

    /// Polls up to `limit` messages on the poll queue, waiting at most ~100 ms when none are ready.
    /// Returns `nil` once the consumer is closing.
    @usableFromInline
    func pollBatch(limit: Int) async throws -> PolledBatch? {
        try await withCheckedThrowingContinuation { continuation in
            pollQueue.async {
                continuation.resume(with: Result { try self.pollBatchNow(limit: limit) })
            }
        }
    }

    private func pollBatchNow(limit: Int) throws -> PolledBatch? {
        var startCount = revocationCount.load(ordering: .acquiring)
        let pending = try state.withLock { state -> Bool in
            if let error = state.pendingError {
                state.pendingError = nil
                throw error
            }
            return state.phase == .running
        }
        guard pending else { return nil }
        var batch = spare.withLock { spare in
            defer { spare = nil }
            return spare ?? PolledBatch()
        }
        // Uniquely held by now, so emptying keeps the allocations.
        batch.removeAll()
        // Within one batch a topic handle stays alive, so its name is decoded once per handle.
        var topicHandles: [OpaquePointer?] = []
        var lastTopic = -1
        var failure: KafkaError?
        while failure == nil && batch.messages.count < limit && batch.storage.count < Self.batchByteLimit {
            // The first message waits on a single poll; what is queued behind it is taken in batch reads.
            var read = 1
            var dropped: Set<KafkaTopicPartition> = []
            var assignmentsBefore: UInt64 = 0
            if batch.messages.isEmpty || consumerQueue == nil {
                guard let raw = rd_kafka_consumer_poll(handle.pointer, batch.messages.isEmpty ? 100 : 0) else { break }
                readBuffer[0] = raw
            } else {
                let average = max(1, batch.storage.count / batch.messages.count)
                let room = min(Self.batchReadSize, limit - batch.messages.count, max(1, (Self.batchByteLimit - batch.storage.count) / average))
                let outcome = readBatch(count: room)
                read = outcome.read
                if read == 0 { break }
                // A handler ran inside the read: its messages of the partitions the handler moved may be from
                // either side of it, so they go, and those partitions restart where the handler left them.
                if revocationCount.load(ordering: .acquiring) != outcome.revocationsBefore {
                    dropped = partitionsRevoked(since: outcome.revocationsBefore)
                    assignmentsBefore = outcome.assignmentsBefore
                }
            }
            // A rebalance handler ran inside this poll or read and revoked or sought partitions: what this batch
            // already holds of them is stale; what a single poll returned is from after the handler.
            let current = revocationCount.load(ordering: .acquiring)
            if current != startCount {
                batch.removeMessages(of: partitionsRevoked(since: startCount))
                startCount = current
            }
            for index in 0..<read {
                guard let raw = readBuffer[index] else { continue }
                defer { rd_kafka_message_destroy(raw) }
                let message = raw.pointee
                if failure != nil { continue }
                if message.err != RD_KAFKA_RESP_ERR_NO_ERROR {
                    failure = consumeError(raw)
                    continue
                }
                if lastTopic < 0 || topicHandles[lastTopic] != message.rkt {
                    if let index = topicHandles.firstIndex(of: message.rkt) {
                        lastTopic = index
                    } else {
                        topicHandles.append(message.rkt)
                        batch.topics.append(message.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? "")
                        lastTopic = topicHandles.count - 1
                    }
                }
                if !dropped.isEmpty,
                    dropped.contains(KafkaTopicPartition(topic: batch.topics[lastTopic], partition: message.partition))
                {
                    continue
                }
                // A message arrived, so more usually follow: one allocation instead of growing the array ten times.
                if batch.messages.isEmpty, batch.messages.capacity < limit { batch.messages.reserveCapacity(limit) }
                batch.messages.append(Self.convert(raw, topic: lastTopic, into: &batch))
            }
            if !dropped.isEmpty { restartAfterBatchRead(dropped, assignmentsBefore: assignmentsBefore) }
        }
        if let failure {
            if batch.messages.isEmpty { throw failure }
            state.withLock { $0.pendingError = failure }
        }
        if !batch.messages.isEmpty {
            state.withLock { state in
                guard !state.sought.isEmpty else { return }
                for message in batch.messages { state.sought[batch.topicPartition(of: message)] = nil }
            }
        }
        batch.revocationCount = startCount
        return batch
    }

    /// Turns an error message from poll into an error for the caller, or `nil` when librdkafka recovers by itself.
    private func consumeError(_ raw: UnsafeMutablePointer<rd_kafka_message_t>) -> KafkaError? {
        let code = KafkaError.Code(rawValue: raw.pointee.err.rawValue)
        let text = rd_kafka_message_errstr(raw).map { String(cString: $0) } ?? code.librdkafkaDescription
        if let fatal = handle.fatalError { return fatal }
        switch code {
        case .partitionEOF:
            return nil
        case .unknownTopicOrPartition, .unknownTopic, .topicAuthorizationFailed:
            let topic = raw.pointee.rkt.map { String(cString: rd_kafka_topic_name($0)) }
            return KafkaError(code: code, message: text + code.advice, subject: topic)
        default:
            logger.warning("consumer: \(code.name): \(text)")
            return nil
        }
    }

    private static func convert(
        _ raw: UnsafeMutablePointer<rd_kafka_message_t>, topic: Int, into batch: inout PolledBatch
    ) -> PolledMessage {
        let message = raw.pointee
        let key = message.key.map { append($0, count: message.key_len, to: &batch.storage) } ?? (0, -1)
        let value = message.payload.map { append($0, count: message.len, to: &batch.storage) } ?? (0, -1)
        var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let timestamp = rd_kafka_message_timestamp(raw, &timestampType)
        var headers = -1
        if Self.mayHaveHeaders(message), let list = Self.headers(of: raw) {
            headers = batch.headers.count
            batch.headers.append(list)
        }
        return PolledMessage(
            topic: topic,
            partition: message.partition,
            offset: message.offset,
            key: key,
            value: value,
            headers: headers,
            timestampMs: timestampType == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? .min : timestamp
        )
    }

    /// Appends bytes to the batch's storage and returns where they lie.
    private static func append(_ source: UnsafeRawPointer, count: Int, to storage: inout [UInt8]) -> (start: Int, count: Int) {
        let start = storage.count
        storage.append(contentsOf: UnsafeRawBufferPointer(start: source, count: count))
        return (start, count)
    }

    /// Whether a message may carry headers, answered without librdkafka's header parser.
    ///
    /// librdkafka 2.0.2 allocates and zeroes a parse buffer for every message whose headers are asked for, even
    /// when the record has none, which cost more than everything else the poll thread does per message. In a
    /// record of format v2 (the only format Kafka 4 writes) the header count follows the value as a zigzag
    /// varint, one zero byte for none, so that byte answers the common case. A tombstone or an empty value
    /// (librdkafka does not point an empty value into the record) asks librdkafka. Records of the old formats
    /// (v0/v1, from brokers before 0.11 or topics pinned to them) have no headers; for them the byte read is the
    /// next record's, or, after the last record of a response, one byte past librdkafka's receive buffer, and
    /// it only decides whether the parser is asked.
    @inline(__always)
    static func mayHaveHeaders(_ message: rd_kafka_message_t) -> Bool {
        guard let value = message.payload, message.len > 0 else { return true }
        return value.load(fromByteOffset: message.len, as: UInt8.self) != 0
    }

    /// The message's headers; `nil` when it has none.
    private static func headers(of raw: UnsafeMutablePointer<rd_kafka_message_t>) -> [KafkaHeader]? {
        var headers: OpaquePointer?
        guard rd_kafka_message_headers(raw, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR, let headers else { return nil }
        var result: [KafkaHeader] = []
        var index = 0
        var name: UnsafePointer<CChar>?
        var value: UnsafeRawPointer?
        var size = 0
        while rd_kafka_header_get_all(headers, index, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
            let bytes = value.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) }
            result.append(KafkaHeader(name: name.map { String(cString: $0) } ?? "", value: bytes))
            index += 1
        }
        return result.isEmpty ? nil : result
    }

    // MARK: Offsets

    func commit(_ offsets: [KafkaTopicPartitionOffset]?) async throws {
        try ensureOpen()
        if offsets == nil { storeHandedOut() }
        let handle = self.handle
        try await BlockingCalls.run {
            let list = offsets.map(RDKafkaPartitionList.init)
            let code = rd_kafka_commit(handle.pointer, list?.pointer, 0)
            if code == RD_KAFKA_RESP_ERR__NO_OFFSET { return }
            if code != RD_KAFKA_RESP_ERR_NO_ERROR {
                throw KafkaError(code: .init(rawValue: code.rawValue), context: "commit failed")
            }
            if let error = list?.firstError(context: "commit failed") { throw error }
        }
    }

    func scheduleCommit(_ offsets: [KafkaTopicPartitionOffset]?) throws {
        try ensureOpen()
        if offsets == nil { storeHandedOut() }
        let list = offsets.map(RDKafkaPartitionList.init)
        let code = rd_kafka_commit(handle.pointer, list?.pointer, 1)
        if code != RD_KAFKA_RESP_ERR_NO_ERROR && code != RD_KAFKA_RESP_ERR__NO_OFFSET {
            throw KafkaError(code: .init(rawValue: code.rawValue), context: "could not schedule a commit")
        }
    }

    func storeOffsets(_ offsets: [KafkaTopicPartitionOffset]) throws {
        try ensureOpen()
        let list = RDKafkaPartitionList(offsets)
        let code = rd_kafka_offsets_store(handle.pointer, list.pointer)
        if code != RD_KAFKA_RESP_ERR_NO_ERROR {
            var error = KafkaError(code: .init(rawValue: code.rawValue), context: "could not store offsets")
            if code == RD_KAFKA_RESP_ERR__INVALID_ARG {
                error.message += " (set enable.auto.offset.store=false to store offsets manually)"
            }
            throw error
        }
        if let error = list.firstError(context: "could not store the offset") { throw error }
    }

    /// Moves the fetch positions. Runs on the poll queue, between two polls: librdkafka discards what it had
    /// fetched for these partitions, and marking them as revoked drops what the iterator had already polled,
    /// so the next message of a sought partition is the one at the new offset. Batches polled after the seek
    /// carry the new revocation count and keep their messages.
    func seek(_ offsets: [KafkaTopicPartitionOffset], timeoutMs: Int32) async throws {
        try ensureOpen()
        // From a rebalance handler the poll queue is busy waiting for the handler, so the seek runs on a
        // thread of its own; no poll can run meanwhile, and the poll that is waiting sorts its messages out
        // when the handler returns (see pollBatchNow).
        if bridge.isRunningHandler.load(ordering: .acquiring) {
            try await BlockingCalls.run { try self.seekNow(offsets, timeoutMs: timeoutMs) }
            return
        }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            pollQueue.async {
                continuation.resume(with: Result { try self.seekNow(offsets, timeoutMs: timeoutMs) })
            }
        }
    }

    func seekNow(_ offsets: [KafkaTopicPartitionOffset], timeoutMs: Int32) throws {
        let list = RDKafkaPartitionList(offsets)
        if let error = rd_kafka_seek_partitions(handle.pointer, list.pointer, timeoutMs) {
            throw KafkaError(consuming: error, context: "seek failed")
        }
        if let error = list.firstError(context: "seek failed") { throw error }
        state.withLock { state in
            for item in offsets { state.sought[item.topicPartition] = item.offset }
        }
        recordRevocation(offsets.map(\.topicPartition))
    }

    func position(_ partitions: [KafkaTopicPartition]) throws -> [KafkaTopicPartitionOffset] {
        let list = RDKafkaPartitionList(partitions)
        let code = rd_kafka_position(handle.pointer, list.pointer)
        if code != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw KafkaError(code: .init(rawValue: code.rawValue), context: "could not read positions")
        }
        let buffered = bufferedPositions()
        let sought = state.withLock { $0.sought }
        return list.offsets.map { item in
            guard let offset = buffered[item.topicPartition] ?? sought[item.topicPartition] else { return item }
            return KafkaTopicPartitionOffset(topic: item.topic, partition: item.partition, offset: offset)
        }
    }

    func committed(_ partitions: [KafkaTopicPartition], timeoutMs: Int32) async throws -> [KafkaTopicPartitionOffset] {
        let handle = self.handle
        return try await BlockingCalls.run {
            let list = RDKafkaPartitionList(partitions)
            let code = rd_kafka_committed(handle.pointer, list.pointer, timeoutMs)
            if code != RD_KAFKA_RESP_ERR_NO_ERROR {
                throw KafkaError(code: .init(rawValue: code.rawValue), context: "could not read committed offsets")
            }
            if let error = list.firstError(context: "could not read the committed offset") { throw error }
            return list.offsets
        }
    }
}

public import Logging
public import ServiceLifecycle
import Synchronization

/// Reads messages from Kafka, in a consumer group (``subscribe(topics:onRebalance:)``) or from partitions
/// chosen by hand (``assign(_:)``).
///
/// ```swift
/// var config = try KafkaConfig(["group.id": "workers", "enable.auto.commit": "false"])
/// config.bootstrapServers = ["127.0.0.1:9092"]
/// let consumer = try KafkaConsumer(config: config)
/// try consumer.subscribe(topics: ["orders"]) { rebalance in
///     if rebalance.kind == .revoked { try? await rebalance.commitStoredOffsets() }
/// }
/// for try await message in consumer.messages {
///     try await process(message)
///     try await consumer.commit(message)
/// }
/// ```
///
/// Messages are polled in batches on a dedicated thread, never on Swift's cooperative pool; backpressure
/// is librdkafka's own prefetch limit, since nothing is fetched ahead of what the loop asks for beyond it.
/// Unless you set `queued.min.messages`, the consumer raises it to 1,000,000 so that
/// `queued.max.messages.kbytes` bounds the prefetch: librdkafka 2.0.2 applies the message count to the
/// whole queue and, once over it, stops fetching for up to a second even after the queue has drained.
///
/// - Important: Call ``close()`` (or run the consumer as a `Service`) so the group is left cleanly and the
///   final revoke runs your handler.
public final class KafkaConsumer: Service, Sendable {
    let core: ConsumerCore

    /// Creates a consumer.
    /// - Parameters:
    ///   - config: librdkafka properties; `bootstrap.servers` is required and `group.id` is required for
    ///     subscriptions and commits.
    ///   - logger: Receives librdkafka's logs and rebalance notices.
    /// - Throws: ``KafkaError`` when librdkafka rejects the configuration.
    public init(config: KafkaConfig, logger: Logger = Logger(label: "kafka.consumer")) throws {
        core = try ConsumerCore(config: config, logger: logger)
    }

    deinit { core.abandon() }

    /// The messages, as an `AsyncSequence` that ends when the consumer closes or the iterating task is cancelled.
    ///
    /// - Important: Single-consumer: one iterator at a time reads a consumer's messages. While one exists, a
    ///   second iterator's first `next()` throws a ``KafkaError`` (code `_STATE`) instead of splitting or
    ///   duplicating the messages; once the first iterator is gone, a new one may start. To process messages
    ///   concurrently, hand them from the one loop to workers.
    public var messages: KafkaConsumerMessages { KafkaConsumerMessages(core: core) }

    /// Joins the consumer group and subscribes to topics.
    /// - Parameters:
    ///   - topics: Topic names; a name starting with `^` is a regular expression.
    ///   - onRebalance: Runs inside each rebalance, before it completes (commit on ``KafkaRebalance/Kind-swift.enum/revoked``).
    /// - Throws: ``KafkaError`` when the consumer is closed or `topics` is empty. The subscription itself is
    ///   made before the next read, off the caller's thread (librdkafka answers it from its main thread); if
    ///   librdkafka refuses it, iterating ``messages`` throws the refusal.
    public func subscribe(topics: [String], onRebalance: (@Sendable (KafkaRebalance) async -> Void)? = nil) throws {
        core.bridge.handler.withLock { $0 = onRebalance }
        try core.subscribe(topics: topics)
    }

    /// Reads from the given partitions and offsets without joining a group's rebalancing.
    /// - Parameter partitions: Partitions with the offset to start from (``KafkaOffset/beginning``,
    ///   ``KafkaOffset/end``, ``KafkaOffset/stored`` or an absolute offset).
    /// - Throws: ``KafkaError`` when the consumer is closed. The assignment is made before the next read, as
    ///   with ``subscribe(topics:onRebalance:)``; a refusal is thrown by iterating ``messages``.
    public func assign(_ partitions: [KafkaTopicPartitionOffset]) throws {
        try core.assign(partitions)
    }

    /// The partitions currently assigned to this consumer, once earlier ``subscribe(topics:onRebalance:)`` and
    /// ``assign(_:)`` calls have taken effect.
    public func assignment() async throws -> [KafkaTopicPartition] { try await core.assignment() }

    /// The group member id the coordinator gave this consumer, once it has joined.
    /// - Throws: The closed error (code `_DESTROY`) once ``close()`` has begun.
    public var memberId: String? {
        get throws { try core.memberId }
    }

    /// Commits the offset after `message` (its offset + 1) and waits for the broker to confirm.
    /// - Parameter message: The last message processed in its partition.
    public func commit(_ message: KafkaConsumerMessage) async throws {
        try await core.commit([message.nextOffset])
    }

    /// Commits explicit offsets (each the next offset to read) and waits for the broker to confirm.
    public func commit(_ offsets: [KafkaTopicPartitionOffset]) async throws {
        try await core.commit(offsets)
    }

    /// Commits the stored offsets of the current assignment and waits; having nothing to commit is not an error.
    public func commitStoredOffsets() async throws {
        try await core.commit(nil)
    }

    /// Starts a commit of the offset after `message` without waiting; failures are logged.
    public func scheduleCommit(_ message: KafkaConsumerMessage) throws {
        try core.scheduleCommit([message.nextOffset])
    }

    /// Starts a commit of the stored offsets without waiting; failures are logged.
    public func scheduleCommitOfStoredOffsets() throws {
        try core.scheduleCommit(nil)
    }

    /// Marks `message` processed, so the next commit (manual or automatic) includes it.
    /// - Important: Requires `enable.auto.offset.store=false`.
    public func storeOffset(_ message: KafkaConsumerMessage) throws {
        try core.storeOffsets([message.nextOffset])
    }

    /// Moves the read position of assigned partitions.
    /// - Parameters:
    ///   - offsets: Where to read next in each partition.
    ///   - timeout: How long to wait for the seek to take effect.
    public func seek(_ offsets: [KafkaTopicPartitionOffset], timeout: Duration = .seconds(10)) async throws {
        try await core.seek(offsets, timeoutMs: timeout.milliseconds)
    }

    /// Rewinds every assigned partition to its committed offset, as after an aborted transaction.
    ///
    /// A partition with nothing committed goes where `auto.offset.reset` says (librdkafka refuses a seek to the
    /// stored offset), and a partition revoked while the committed offsets were fetched is left alone.
    public func rewindToCommitted(timeout: Duration = .seconds(10)) async throws {
        let assigned = try await core.assignment()
        guard !assigned.isEmpty else { return }
        let committed = try await core.committed(assigned, timeoutMs: timeout.milliseconds)
        let stillAssigned = Set(try await core.assignment())
        let targets = committed.filter { stillAssigned.contains($0.topicPartition) }.map(core.start(fromCommitted:))
        guard !targets.isEmpty else { return }
        try await core.seek(targets, timeoutMs: timeout.milliseconds)
    }

    /// Stops fetching from partitions (they stay assigned). Messages of theirs already read into the current
    /// batch are still handed out, in order, so nothing is skipped when they resume.
    ///
    /// While the consumer is in the middle of a batch read (a fraction of a millisecond), the pause waits for
    /// it to return instead of blocking the caller, and a refusal from librdkafka is then logged, not thrown.
    public func pause(_ partitions: [KafkaTopicPartition]) throws { try core.pause(partitions, resume: false) }

    /// Resumes fetching from paused partitions, right after the last message read from them (see ``pause(_:)``).
    public func resume(_ partitions: [KafkaTopicPartition]) throws { try core.pause(partitions, resume: true) }

    /// The next offset this consumer will read in each partition (``KafkaOffset/invalid`` when unknown).
    public func position(_ partitions: [KafkaTopicPartition]) throws -> [KafkaTopicPartitionOffset] {
        try core.position(partitions)
    }

    /// The group's committed offsets for the partitions, from the coordinator.
    public func committed(_ partitions: [KafkaTopicPartition], timeout: Duration = .seconds(10)) async throws
        -> [KafkaTopicPartitionOffset]
    {
        try await core.committed(partitions, timeoutMs: timeout.milliseconds)
    }

    /// The low and high watermarks of a partition, from its leader.
    /// - Returns: The oldest retained offset and the offset the next message will get.
    /// - Throws: ``KafkaError`` (`_TIMED_OUT` when the leader does not answer within `timeout`, e.g. while it
    ///   is down; the call returns by then).
    public func watermarks(topic: String, partition: Int32, timeout: Duration = .seconds(10)) async throws
        -> (low: Int64, high: Int64)
    {
        let target = KafkaTopicPartition(topic: topic, partition: partition)
        let marks = try await core.watermarks([target], timeoutMs: timeout.milliseconds)
        guard let mark = marks[target] else {
            throw KafkaError(code: .unknownPartition, message: "no watermarks returned for \(target)", subject: topic)
        }
        return mark
    }

    /// The group's lag per partition: high watermark − committed offset (− low watermark when nothing is
    /// committed), for the given partitions or the current assignment.
    /// - Parameter timeout: Bounds each of the two round trips (committed offsets, then watermarks of all
    ///   partitions at once), so the call returns within about twice the timeout even when a leader is down.
    public func lag(_ partitions: [KafkaTopicPartition]? = nil, timeout: Duration = .seconds(10)) async throws
        -> [KafkaTopicPartition: Int64]
    {
        let targets: [KafkaTopicPartition]
        if let partitions { targets = partitions } else { targets = try await core.assignment() }
        let committed = try await core.committed(targets, timeoutMs: timeout.milliseconds)
        let marks = try await core.watermarks(committed.map(\.topicPartition), timeoutMs: timeout.milliseconds)
        var result: [KafkaTopicPartition: Int64] = [:]
        for item in committed {
            guard let mark = marks[item.topicPartition] else { continue }
            result[item.topicPartition] = max(0, mark.high - (item.offset >= 0 ? item.offset : mark.low))
        }
        return result
    }

    /// Leaves the group (running the final revoke through the rebalance handler) and releases librdkafka.
    ///
    /// Close never hangs: leaving the group is given 30 seconds, after which the librdkafka client is left
    /// allocated (and silent) rather than waited on for ever.
    ///
    /// From the moment it begins, every other call on this consumer throws the closed error (code
    /// `_DESTROY`), except calls the rebalance handler makes during the final revoke; a second `close()`
    /// waits for the first. Called from inside the rebalance handler, `close()` returns at once and the close
    /// completes as soon as the handler has returned (waiting there would wait for itself).
    ///
    /// - Important: With `partition.assignment.strategy=cooperative-sticky` on librdkafka before 2.3.0,
    ///   destroying a member that joined the group but has not received its first assignment aborts the
    ///   process (confluentinc/librdkafka#4312). Close then waits up to 5 seconds for that assignment
    ///   (your handler sees it assigned, then revoked); if it still has not come, the group is left but the
    ///   client is not destroyed: its threads and memory stay until the process exits.
    public func close() async { await core.close() }

    /// Runs until graceful shutdown or cancellation, then closes the consumer (`Service`).
    public func run() async throws {
        try? await gracefulShutdown()
        await close()
    }
}

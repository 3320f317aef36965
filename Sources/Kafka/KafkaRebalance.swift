import Synchronization

/// A change in the partitions this consumer owns, handed to the rebalance handler given to
/// ``KafkaConsumer/subscribe(topics:onRebalance:)``.
///
/// The handler runs *inside* the rebalance, before it completes: on ``Kind-swift.enum/revoked`` the
/// partitions are still owned, so committing their offsets there leaves no gap and no duplicate for the
/// next owner. On ``Kind-swift.enum/lost`` they are already gone (the member was expelled): committing
/// would fail, so discard in-flight work instead.
public struct KafkaRebalance: Sendable {
    /// What happened to the partitions.
    public enum Kind: String, Sendable, Hashable {
        /// The partitions are being assigned to this consumer: they start when the handler returns, at the
        /// committed offsets or where ``KafkaRebalance/seek(_:)`` says.
        case assigned
        /// The partitions are being taken away in an orderly rebalance; commit now.
        case revoked
        /// The partitions were lost (session timeout, fencing); their offsets can no longer be committed.
        case lost
    }

    /// Whether the group rebalances eagerly (everything revoked each time) or cooperatively (only what moves).
    public enum RebalanceProtocol: String, Sendable, Hashable {
        /// Eager: `range` or `roundrobin`.
        case eager = "EAGER"
        /// Incremental cooperative: `cooperative-sticky`.
        case cooperative = "COOPERATIVE"
    }

    /// What happened.
    public var kind: Kind
    /// The partitions concerned (for cooperative rebalancing, only those that move).
    public var partitions: [KafkaTopicPartition]
    /// The group's rebalance protocol.
    public var rebalanceProtocol: RebalanceProtocol
    let core: ConsumerCore
    /// On assignment, the offsets the handler chose for partitions, applied when they are assigned.
    let startOffsets: StartOffsets?

    /// The start offsets chosen during an assignment, shared by the handler's copies of the event.
    final class StartOffsets: Sendable {
        let offsets = Mutex<[KafkaTopicPartition: Int64]>([:])
    }

    /// Commits offsets synchronously, while the partitions are still owned.
    /// - Parameter offsets: The offsets to commit (the next offset to read, i.e. last processed + 1).
    /// - Throws: ``KafkaError`` when the commit fails.
    public func commit(_ offsets: [KafkaTopicPartitionOffset]) async throws {
        try await core.commit(offsets)
    }

    /// Commits the offsets stored with ``KafkaConsumer/storeOffset(_:)`` (or by auto offset store).
    /// - Throws: ``KafkaError`` when the commit fails; having nothing to commit is not an error.
    public func commitStoredOffsets() async throws {
        try await core.commit(nil)
    }

    /// Where a partition starts: on ``Kind-swift.enum/assigned``, the offset the partition is assigned at
    /// when the handler returns; otherwise a seek of the owned partition.
    /// - Parameter offset: Where to read next.
    public func seek(_ offset: KafkaTopicPartitionOffset) async throws {
        if let startOffsets {
            // A seek right after librdkafka's asynchronous assign finds the partition not started yet
            // (_STATE), so the offset goes into the assignment itself.
            startOffsets.offsets.withLock { $0[offset.topicPartition] = offset.offset }
            return
        }
        try await core.seek([offset], timeoutMs: 10_000)
    }
}

public import Kafka

extension EventLog {
    /// Commits `offsets` with `commit` and writes `offsets_committed` with the outcome. Nothing happens for
    /// no offsets.
    /// - Returns: Whether the commit succeeded.
    @discardableResult
    public func commit(
        _ offsets: [KafkaTopicPartitionOffset], using commit: ([KafkaTopicPartitionOffset]) async throws -> Void
    ) async -> Bool {
        guard !offsets.isEmpty else { return true }
        do {
            try await commit(offsets)
            emit(.committed(offsets, error: nil))
            return true
        } catch {
            emit(.committed(offsets, error: error))
            return false
        }
    }
}

public import Kafka
import Synchronization

/// The offsets an at-least-once consumer commits: per partition, the one after the last record processed
/// since the last commit.
///
/// Shared by the processing loop and the rebalance handler, which commits a revoked partition's entry
/// before the partition moves.
public final class ProcessedOffsets: Sendable {
    private struct State {
        var next: [KafkaTopicPartition: Int64] = [:]
        var processedSinceCommit = 0
    }

    private let state = Mutex(State())

    /// No offsets yet.
    public init() {}

    /// Records that `record` is processed.
    /// - Returns: How many records were processed since the last ``takeAll()``.
    public func markProcessed(_ record: KafkaConsumerMessage) -> Int {
        state.withLock { state in
            state.next[record.nextOffset.topicPartition] = record.offset + 1
            state.processedSinceCommit += 1
            return state.processedSinceCommit
        }
    }

    /// Removes and returns the offsets of `partitions`.
    public func take(_ partitions: [KafkaTopicPartition]) -> [KafkaTopicPartitionOffset] {
        state.withLock { state in
            partitions.compactMap { partition in
                state.next.removeValue(forKey: partition).map {
                    KafkaTopicPartitionOffset(topic: partition.topic, partition: partition.partition, offset: $0)
                }
            }
        }
    }

    /// Removes and returns every offset.
    public func takeAll() -> [KafkaTopicPartitionOffset] {
        state.withLock { state in
            defer {
                state.next = [:]
                state.processedSinceCommit = 0
            }
            return state.next.sorted { $0.key < $1.key }.map {
                KafkaTopicPartitionOffset(topic: $0.key.topic, partition: $0.key.partition, offset: $0.value)
            }
        }
    }

    /// Forgets the offsets of partitions this member no longer owns.
    public func discard(_ partitions: [KafkaTopicPartition]) {
        state.withLock { state in
            for partition in partitions { state.next[partition] = nil }
        }
    }
}

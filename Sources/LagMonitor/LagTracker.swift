public import Kafka

/// What one look at the cluster found for one partition.
public struct PartitionOffsets: Sendable, Hashable {
    /// The group's committed offset.
    public var committed: Int64
    /// The partition's high watermark.
    public var highWatermark: Int64

    /// Creates an observation.
    public init(committed: Int64, highWatermark: Int64) {
        self.committed = committed
        self.highWatermark = highWatermark
    }
}

/// Keeps a sliding window of samples per partition and evaluates them with ``BurrowEvaluator``.
///
/// Kafka's offset fetch carries no commit time, so a sample stands for a commit made when it was taken,
/// except that while the group is known to have no members an unchanged offset keeps the time of the
/// sample that first saw it (nobody is committing), which lets Burrow's STOP rule fire.
public struct LagTracker: Sendable {
    /// Samples kept per partition (Burrow's `intervals`, default 10).
    public let windowSize: Int
    private var windows: [KafkaTopicPartition: [LagSample]] = [:]
    private var latest: [KafkaTopicPartition: PartitionOffsets] = [:]

    /// Creates a tracker.
    public init(windowSize: Int = 10) {
        self.windowSize = max(1, windowSize)
    }

    /// Adds one sample per partition.
    /// - Parameters:
    ///   - observations: Committed offsets and high watermarks.
    ///   - atMs: When they were read.
    ///   - groupHasMembers: Whether the group has members, when known.
    public mutating func record(_ observations: [KafkaTopicPartition: PartitionOffsets], atMs: Int64, groupHasMembers: Bool? = nil) {
        latest = observations
        for (partition, observed) in observations {
            var window = windows[partition] ?? []
            var timestamp = atMs
            if groupHasMembers == false, let previous = window.last, previous.offset == observed.committed {
                timestamp = previous.timestampMs
            }
            window.append(LagSample(offset: observed.committed, lag: observed.highWatermark - observed.committed, timestampMs: timestamp))
            if window.count > windowSize { window.removeFirst(window.count - windowSize) }
            windows[partition] = window
        }
        for partition in windows.keys where observations[partition] == nil { windows[partition] = nil }
    }

    /// The statuses at `nowMs`.
    public func report(group: String, nowMs: Int64) -> LagReport {
        let partitions = latest.keys.sorted().map { partition -> LagReport.Partition in
            let observed = latest[partition] ?? PartitionOffsets(committed: 0, highWatermark: 0)
            let window = windows[partition] ?? []
            let lag = max(0, observed.highWatermark - observed.committed)
            return LagReport.Partition(
                topic: partition.topic, partition: partition.partition, committedOffset: observed.committed,
                highWatermark: observed.highWatermark, lag: lag, samples: window.count,
                status: BurrowEvaluator.status(window: window, currentLag: lag, nowMs: nowMs))
        }
        let complete = partitions.isEmpty ? 0 : Double(partitions.filter { $0.samples >= windowSize }.count) / Double(partitions.count)
        return LagReport(
            group: group, status: BurrowEvaluator.groupStatus(partitions.map(\.status)),
            totalLag: partitions.reduce(0) { $0 + $1.lag }, complete: complete, partitions: partitions)
    }
}

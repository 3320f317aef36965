public import Kafka

/// The records read but not yet committed, and the one-at-a-time commits of them.
///
/// Both the reading loop (when a batch is full) and a timer (when the oldest record has waited long
/// enough) commit through this actor, so transactions never overlap.
public actor TransactionBatch {
    /// Runs one transaction over the records; returns `false` when it was aborted.
    public typealias Commit = @Sendable ([KafkaConsumerMessage]) async throws -> Bool

    /// What the reading loop does after handing over a record.
    public enum Admission: Sendable {
        /// Keep reading.
        case accepted
        /// A transaction was aborted: rewind to the committed offsets and read from there.
        case rewindRequired
    }

    private let maxRecords: Int
    private let maxWait: Duration
    private var records: [KafkaConsumerMessage] = []
    private var oldest: ContinuousClock.Instant?
    private var isCommitting = false
    private var waitingForTurn: [CheckedContinuation<Void, Never>] = []
    private var rewindRequired = false

    /// Commits when `maxRecords` are waiting, or when the oldest has waited `maxWait`.
    public init(maxRecords: Int, maxWait: Duration) {
        self.maxRecords = maxRecords
        self.maxWait = maxWait
    }

    /// Adds a record read by the loop, and commits the batch when it is full.
    public func add(_ record: KafkaConsumerMessage, commit: Commit) async throws -> Admission {
        await waitForTurn()
        // Records read after an abort but before the rewind are read again after it.
        guard !rewindRequired else { return .rewindRequired }
        records.append(record)
        if oldest == nil { oldest = .now }
        if records.count >= maxRecords { try await commitRecords(commit) }
        return rewindRequired ? .rewindRequired : .accepted
    }

    /// Commits the batch if its oldest record has waited `maxWait`.
    public func commitIfDue(_ commit: Commit) async throws {
        guard !isCommitting, let oldest, oldest.duration(to: .now) >= maxWait else { return }
        try await commitRecords(commit)
    }

    /// Commits whatever is waiting: before partitions are revoked, and at shutdown.
    public func commitPending(_ commit: Commit) async throws {
        await waitForTurn()
        try await commitRecords(commit)
    }

    /// Drops the records of partitions that were lost: they belong to another member now.
    public func drop(_ partitions: [KafkaTopicPartition]) {
        let lost = Set(partitions)
        records.removeAll { lost.contains(KafkaTopicPartition(topic: $0.topic, partition: $0.partition)) }
        if records.isEmpty { oldest = nil }
    }

    /// The loop has rewound the consumer; its next records start at the committed offsets.
    public func rewound() {
        rewindRequired = false
    }

    /// Commits each batch whose oldest record has waited `maxWait`, when input is slow, until cancelled.
    public func commitWhenDue(_ commit: Commit) async throws {
        do {
            while !Task.isCancelled {
                try await Task.sleep(for: max(.milliseconds(1), maxWait / 2))
                try await commitIfDue(commit)
            }
        } catch is CancellationError {
            // Shutting down; the owner commits what waits.
        }
    }

    private func waitForTurn() async {
        while isCommitting {
            await withCheckedContinuation { waitingForTurn.append($0) }
        }
    }

    private func commitRecords(_ commit: Commit) async throws {
        guard !records.isEmpty, !rewindRequired else { return }
        let batch = records
        records = []
        oldest = nil
        isCommitting = true
        defer {
            isCommitting = false
            let waiting = waitingForTurn
            waitingForTurn = []
            for waiter in waiting { waiter.resume() }
        }
        if try await !commit(batch) { rewindRequired = true }
    }
}

extension [KafkaConsumerMessage] {
    /// Per partition, the offset after the last record: what to commit once the records are processed.
    public var nextOffsets: [KafkaTopicPartitionOffset] {
        var next: [KafkaTopicPartition: Int64] = [:]
        for record in self {
            let partition = KafkaTopicPartition(topic: record.topic, partition: record.partition)
            next[partition] = Swift.max(next[partition] ?? 0, record.offset + 1)
        }
        return next.sorted { $0.key < $1.key }.map {
            KafkaTopicPartitionOffset(topic: $0.key.topic, partition: $0.key.partition, offset: $0.value)
        }
    }
}

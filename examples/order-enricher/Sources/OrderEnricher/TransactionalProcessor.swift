import Kafka
import Logging
import ServiceLifecycle
import Synchronization

/// Reads the input topics as a member of the consumer group and writes each record's output together with
/// its input offset in one transaction, so `read_committed` readers see every output exactly once (`Service`).
///
/// An aborted transaction leaves nothing visible; the input is rewound to the committed offsets and read
/// again. A fenced or fatal producer error stops the service, and the process exits with a failure.
final class TransactionalProcessor: Service, Sendable {
    private let settings: ServiceSettings
    private let consumer: KafkaConsumer
    private let producer: KafkaProducer
    private let transformer: RecordTransformer
    private let tracker: DeliveryTracker
    private let progress: Progress
    private let events: EventLog
    private let logger: Logger
    private let retry: RetryPolicy
    private let failures: FailureInjection
    private let batch: TransactionBatch
    private let idle = IdleTimer()
    private let recordCount = Atomic<Int>(0)
    private let transactionCount = Atomic<Int>(0)

    init(
        settings: ServiceSettings, consumer: KafkaConsumer, producer: KafkaProducer, transformer: RecordTransformer,
        tracker: DeliveryTracker, progress: Progress, events: EventLog, logger: Logger
    ) {
        self.settings = settings
        self.consumer = consumer
        self.producer = producer
        self.transformer = transformer
        self.tracker = tracker
        self.progress = progress
        self.events = events
        self.logger = logger
        self.retry = RetryPolicy(retries: settings.retries, backoff: .milliseconds(settings.retryBackoffMs))
        self.failures = FailureInjection(every: settings.failEvery)
        self.batch = TransactionBatch(
            maxRecords: settings.transactionMaxRecords, maxWait: .milliseconds(settings.transactionMaxWaitMs))
    }

    /// Joins the group. Call before the consumer starts running.
    /// - Throws: `KafkaError` when the subscription is refused.
    func subscribe() throws {
        try consumer.subscribe(topics: settings.inputTopics) { [self] rebalance in
            switch rebalance.kind {
            case .assigned:
                idle.touch()
                events.emit(.partitionsAssigned(rebalance.partitions))
            case .revoked:
                // Commit while the partitions are still ours, so the next owner does not redo the work. If this
                // fails, the transaction is aborted and the next owner reads the records from the committed offsets.
                do {
                    try await batch.commitPending(commitTransaction)
                } catch {
                    logger.warning("commit before revoke failed: \(error)")
                }
                events.emit(.partitionsRevoked(rebalance.partitions))
            case .lost:
                await batch.drop(rebalance.partitions)
                events.emit(.partitionsLost(rebalance.partitions))
            }
        }
    }

    /// Processes records until graceful shutdown (or `EXIT_AFTER_IDLE_MS` of idleness), then commits what waits.
    /// - Throws: A fenced or fatal `KafkaError`.
    func run() async throws {
        try await cancelWhenGracefulShutdown { [self] in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.consume() }
                group.addTask { try await self.commitWaitingBatches() }
                if settings.exitAfterIdleMs > 0 {
                    group.addTask { await self.idle.waitUntilIdle(for: .milliseconds(self.settings.exitAfterIdleMs)) }
                }
                // The first to finish ends the others: the input, a failure, or the idle timer.
                try await group.next()
                group.cancelAll()
            }
        }
        try await batch.commitPending(commitTransaction)
    }

    private var commitTransaction: TransactionBatch.Commit {
        { [self] records in try await runTransaction(over: records) }
    }

    private func consume() async throws {
        do {
            // region: abort-and-rewind
            reading: while !Task.isCancelled {
                // A fresh sequence after each rewind: nothing read before the rewind is handed out after it.
                for try await record in consumer.messages {
                    idle.touch()
                    if try await batch.add(record, commit: commitTransaction) == .rewindRequired {
                        // The aborted batch and everything read after it is read again from the committed offsets.
                        try await consumer.rewindToCommitted()
                        await batch.rewound()
                        continue reading
                    }
                }
                return
            }
            // endregion
        } catch is CancellationError {
            // Stopped during a transaction: it was aborted, so its records are read again after a restart.
        }
    }

    /// Commits a batch whose oldest record has waited `TRANSACTION_MAX_WAIT_MS`, when input is slow.
    private func commitWaitingBatches() async throws {
        do {
            while !Task.isCancelled {
                try await Task.sleep(for: .milliseconds(max(1, settings.transactionMaxWaitMs / 2)))
                try await batch.commitIfDue(commitTransaction)
            }
        } catch is CancellationError {
            // Shutting down; run() commits what waits.
        }
    }

    // region: transactional-loop
    /// Writes the output of `records` and their input offsets in one transaction.
    /// - Returns: `true` when it committed; `false` when it was aborted, so the input must be rewound.
    /// - Throws: A fenced or fatal `KafkaError` (this producer can no longer be used), or another error of
    ///   the processing; the transaction is aborted either way.
    private func runTransaction(over records: [KafkaConsumerMessage]) async throws -> Bool {
        let number = transactionCount.add(1, ordering: .relaxed).newValue
        events.emit(.transactionBegin(number))
        do {
            let processed = try await producer.withTransaction { transaction in
                var processed: [ServiceEvent] = []
                for record in records {
                    processed.append(try await process(record, in: transaction))
                }
                // The input offsets commit with the output: both become visible together, or neither does.
                try await transaction.sendOffsets(records.nextOffsets, consumer: consumer)
                return processed
            }
            events.emit(.transactionCommit(number, success: true))
            for event in processed {
                progress.recordConsumed()
                events.emit(event)
            }
            return true
        } catch let error as KafkaError where !error.isFatal {
            // withTransaction has aborted it: nothing of this batch is visible and its offsets are not committed.
            logger.warning("transaction \(number) aborted: \(error)")
            events.emit(.transactionAbort(number, reason: error.description))
            return false
        } catch {
            events.emit(.transactionCommit(number, success: false))
            throw error
        }
    }
    // endregion

    /// Sends one record's output (or, when it fails every retry, its dead-letter copy) in the transaction.
    /// - Returns: The event to report once the transaction has committed.
    private func process(_ record: KafkaConsumerMessage, in transaction: KafkaTransaction) async throws -> ServiceEvent {
        let number = recordCount.add(1, ordering: .relaxed).newValue
        let output: KafkaProducerMessage
        do {
            output = try await retry.run {
                try failures.check(recordNumber: number)
                return try await transformer.transform(record)
            } onRetry: { attempt, error in
                logger.warning("retry \(attempt)/\(settings.retries) of \(record.topic)[\(record.partition)]@\(record.offset): \(error)")
            }
        } catch let error where !(error is CancellationError) {
            // region: dead-letter
            // In the same transaction: the dead letter and the input offset commit together, or neither does.
            logger.error("dead-lettering \(record.topic)[\(record.partition)]@\(record.offset): \(error)")
            try await send(DeadLetter.message(for: record, error: error, topic: settings.deadLetterTopic), in: transaction)
            return .deadLetter(
                topic: settings.deadLetterTopic, key: record.keyString, value: record.valueString ?? "",
                sourceTopic: record.topic, sourcePartition: record.partition, sourceOffset: record.offset,
                error: String(describing: error))
            // endregion
        }
        try await send(output, in: transaction)
        return .recordData(
            topic: record.topic, partition: record.partition, offset: record.offset, key: record.keyString,
            value: record.valueString ?? "")
    }

    private func send(_ message: KafkaProducerMessage, in transaction: KafkaTransaction) async throws {
        let key = message.key.map { String(decoding: $0, as: UTF8.self) }
        let value = message.value.map { String(decoding: $0, as: UTF8.self) } ?? ""
        events.emit(.producerSend(topic: message.topic, key: key, value: value))
        let id = try await transaction.send(message)
        progress.recordSent()
        tracker.sent(.init(topic: message.topic, key: key, value: value), id: id)
    }
}

extension [KafkaConsumerMessage] {
    /// Per partition, the offset after the last record: what to commit once the records are processed.
    var nextOffsets: [KafkaTopicPartitionOffset] {
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

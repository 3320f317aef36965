import Kafka
import Logging
import ServiceLifecycle
import Synchronization

/// Reads the input topics as a member of the consumer group and processes every record at least once
/// (`Service`).
///
/// A record's offset is stored only after it is processed (or dead-lettered), so a crash repeats work but
/// never skips it. Stored offsets are committed by librdkafka's auto-commit, every `COMMIT_EVERY` records,
/// when partitions are revoked, and at shutdown.
final class ConsumerWorker: Service, Sendable {
    private let settings: ServiceSettings
    private let consumer: KafkaConsumer
    private let processor: RecordProcessor
    private let decoder: RecordDecoder
    private let deadLetters: DeadLetterQueue
    private let progress: Progress
    private let events: EventLog
    private let logger: Logger
    private let retry: RetryPolicy
    private let failures: FailureInjection
    private let offsets = ProcessedOffsets()
    private let idle = IdleTimer()
    private let recordCount = Atomic<Int>(0)

    init(
        settings: ServiceSettings, consumer: KafkaConsumer, processor: RecordProcessor, decoder: RecordDecoder, deadLetters: DeadLetterQueue,
        progress: Progress, events: EventLog, logger: Logger
    ) {
        self.settings = settings
        self.consumer = consumer
        self.processor = processor
        self.decoder = decoder
        self.deadLetters = deadLetters
        self.progress = progress
        self.events = events
        self.logger = logger
        self.retry = RetryPolicy(retries: settings.retries, backoff: .milliseconds(settings.retryBackoffMs))
        self.failures = FailureInjection(every: settings.failEvery)
    }

    /// Joins the group. Call before the consumer starts running.
    /// - Throws: `KafkaError` when the subscription is refused.
    func subscribe() throws {
        // region: commit-on-revoke
        try consumer.subscribe(topics: settings.inputTopics) { [self] rebalance in
            switch rebalance.kind {
            case .assigned:
                idle.touch()
                events.emit(.partitionsAssigned(rebalance.partitions))
            case .revoked:
                // Still ours until this handler returns: commit what was processed, so the next owner starts
                // right after it instead of repeating it.
                let processed = offsets.take(rebalance.partitions)
                await commit(processed) { try await rebalance.commit($0) }
                events.emit(.partitionsRevoked(rebalance.partitions))
            case .lost:
                // Already another member's: a commit would fail, and the new owner repeats the uncommitted records.
                offsets.discard(rebalance.partitions)
                events.emit(.partitionsLost(rebalance.partitions))
            }
        }
        // endregion
    }

    /// Processes records until graceful shutdown (or `EXIT_AFTER_IDLE_MS` of idleness), then commits.
    /// - Throws: ``UnprocessableRecord`` or a failed dead-letter send; the record is read again after a restart.
    func run() async throws {
        try await cancelWhenGracefulShutdown { [self] in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.consume() }
                if settings.exitAfterIdleMs > 0 {
                    group.addTask { await self.idle.waitUntilIdle(for: .milliseconds(self.settings.exitAfterIdleMs)) }
                }
                // Whichever finishes first ends the other: the input, a failure, or the idle timer.
                try await group.next()
                group.cancelAll()
            }
        }
        await commit(offsets.takeAll()) { try await consumer.commit($0) }
    }

    private func consume() async throws {
        do {
            // region: commit-after-processing
            for try await record in consumer.messages {
                idle.touch()
                try await handle(record)
                do {
                    // Only now may auto-commit include this record.
                    try consumer.storeOffset(record)
                } catch {
                    logger.debug("offset of \(record.topic)[\(record.partition)] not stored (revoked meanwhile?): \(error)")
                }
                if offsets.markProcessed(record) >= settings.commitEvery {
                    await commit(offsets.takeAll()) { try await consumer.commit($0) }
                }
            }
            // endregion
        } catch is CancellationError {
            // Stopped while retrying a record: it is not stored, so it is read again after a restart.
        }
    }

    /// Processes one record with retries; when they run out, sends it to the dead-letter topic.
    private func handle(_ record: KafkaConsumerMessage) async throws {
        let number = recordCount.add(1, ordering: .relaxed).newValue
        let value: String
        do {
            value = try await retry.run {
                try failures.check(recordNumber: number)
                // region: consume-avro-record
                // Decoded with the writer's schema (fetched by the id in the value) resolved into ours.
                let event = try await decoder.decode(record)
                try await processor.process(event, from: record)
                return event.eventValue
                // endregion
            } onRetry: { attempt, error in
                logger.warning("retry \(attempt)/\(settings.retries) of \(record.topic)[\(record.partition)]@\(record.offset): \(error)")
            }
        } catch let error where !(error is CancellationError) {
            logger.error("dead-lettering \(record.topic)[\(record.partition)]@\(record.offset): \(error)")
            try await deadLetters.publish(record, eventValue: await decoder.eventValue(of: record), error: error)
            return
        }
        progress.recordConsumed()
        events.emit(.recordData(
            topic: record.topic, partition: record.partition, offset: record.offset,
            key: record.keyString, value: value))
    }

    /// Commits and reports the outcome. A failed commit is not fatal: the stored offsets stay with
    /// librdkafka, whose auto-commit carries them (the embedded cluster refuses commits while the group
    /// rebalances).
    private func commit(
        _ offsets: [KafkaTopicPartitionOffset], using commit: ([KafkaTopicPartitionOffset]) async throws -> Void
    ) async {
        guard !offsets.isEmpty else { return }
        do {
            try await commit(offsets)
            events.emit(.offsetsCommitted(offsets, success: true, error: nil))
        } catch {
            logger.warning("commit of \(offsets) failed: \(error)")
            events.emit(.offsetsCommitted(offsets, success: false, error: String(describing: error)))
        }
    }
}

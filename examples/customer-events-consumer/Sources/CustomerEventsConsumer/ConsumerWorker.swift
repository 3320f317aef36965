import Kafka
import KafkaServiceRuntime
import Logging
import ServiceLifecycle

/// Reads the input topics as a member of the consumer group and processes every record at least once
/// (`Service`).
///
/// A record's offset is stored only after it is processed (or dead-lettered), so a crash repeats work but
/// never skips it. Stored offsets are committed by librdkafka's auto-commit, every `COMMIT_EVERY` records,
/// when partitions are revoked, and at shutdown.
struct ConsumerWorker: Service {
    var settings: ServiceSettings
    var consumer: KafkaConsumer
    var processor: RecordProcessor
    var decoder: RecordDecoder
    var deadLetters: DeadLetterWriter
    var retries: RecordRetries
    var context: ServiceContext
    let offsets = ProcessedOffsets()

    /// Joins the group. Call before the consumer starts running.
    /// - Throws: `KafkaError` when the subscription is refused.
    func subscribe() throws {
        let (events, offsets) = (context.events, offsets)
        // region: commit-on-revoke
        try consumer.subscribe(topics: settings.inputTopics) { rebalance in
            switch rebalance.kind {
            case .assigned:
                events.emit(.assigned(rebalance.partitions))
            case .revoked:
                // Still ours until this handler returns: commit what was processed, so the next owner starts
                // right after it instead of repeating it.
                await events.commit(offsets.take(rebalance.partitions)) { try await rebalance.commit($0) }
                events.emit(.revoked(rebalance.partitions))
            case .lost:
                // Already another member's: a commit would fail, and the new owner repeats the uncommitted records.
                offsets.discard(rebalance.partitions)
                events.emit(.lost(rebalance.partitions))
            }
        }
        // endregion
    }

    /// Processes records until graceful shutdown, then commits.
    /// - Throws: A failed dead-letter send; the record is read again after a restart.
    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                // region: commit-after-processing
                for try await record in consumer.messages {
                    try await handle(record)
                    do {
                        // Only now may auto-commit include this record.
                        try consumer.storeOffset(record)
                    } catch {
                        context.logger.debug("offset of \(record.topic)[\(record.partition)] not stored (revoked meanwhile?): \(error)")
                    }
                    if offsets.markProcessed(record) >= settings.commitEvery {
                        await context.events.commit(offsets.takeAll()) { try await consumer.commit($0) }
                    }
                }
                // endregion
            }
        } catch is CancellationError {
            // Stopped while retrying a record: it is not stored, so it is read again after a restart.
        }
        await context.events.commit(offsets.takeAll()) { try await consumer.commit($0) }
    }

    /// Processes one record with retries; when they run out, sends it to the dead-letter topic.
    private func handle(_ record: KafkaConsumerMessage) async throws {
        do {
            let value = try await retries.process(record) {
                // region: consume-avro-record
                // Decoded with the writer's schema (fetched by the id in the value) resolved into ours.
                let event = try await decoder.decode(record)
                try await processor.process(event, from: record)
                return event.eventValue
                // endregion
            }
            context.events.emit(.processed(record, value: value))
        } catch let error where !(error is CancellationError) {
            // region: dead-letter
            // The record unchanged, with its origin and the error in dlq.* headers; only once the brokers have
            // it may the record's own offset be committed.
            context.logger.error("dead-lettering \(record.topic)[\(record.partition)]@\(record.offset): \(error)")
            try await deadLetters.publish(record, value: await decoder.eventValue(of: record), error: error)
            // endregion
        }
    }
}

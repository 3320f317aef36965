import Kafka
import KafkaServiceRuntime
import Logging
import ServiceLifecycle

/// Reads the input topics as a member of the consumer group and writes each record's output together with
/// its input offset in one transaction, so `read_committed` readers see every output exactly once (`Service`).
///
/// An aborted transaction leaves nothing visible; the input is rewound to the committed offsets and read
/// again. A fenced or fatal producer error stops the service, and the process exits with a failure.
struct TransactionalProcessor: Service {
    var settings: ServiceSettings
    var consumer: KafkaConsumer
    var producer: KafkaProducer
    var transformer: RecordTransformer
    var deadLetters: DeadLetterWriter
    var tracker: DeliveryTracker
    var retries: RecordRetries
    var context: ServiceContext
    let batch: TransactionBatch

    /// Joins the group. Call before the consumer starts running.
    /// - Throws: `KafkaError` when the subscription is refused.
    func subscribe() throws {
        let (events, logger, batch, commit) = (context.events, context.logger, batch, commitTransaction)
        try consumer.subscribe(topics: settings.inputTopics) { rebalance in
            switch rebalance.kind {
            case .assigned:
                events.emit(.assigned(rebalance.partitions))
            case .revoked:
                // Commit while the partitions are still ours, so the next owner does not redo the work. If this
                // fails, the transaction is aborted and the next owner reads the records from the committed offsets.
                do {
                    try await batch.commitPending(commit)
                } catch {
                    logger.warning("commit before revoke failed: \(error)")
                }
                events.emit(.revoked(rebalance.partitions))
            case .lost:
                await batch.drop(rebalance.partitions)
                events.emit(.lost(rebalance.partitions))
            }
        }
    }

    /// Processes records until graceful shutdown, then commits what waits.
    /// - Throws: A fenced or fatal `KafkaError`.
    func run() async throws {
        try await cancelWhenGracefulShutdown {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await consume() }
                // A batch whose oldest record has waited TRANSACTION_MAX_WAIT_MS commits when input is slow.
                group.addTask { try await batch.commitWhenDue(commitTransaction) }
                // The first to finish ends the other: the input, or a failure.
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

    // region: transactional-loop
    /// Writes the output of `records` and their input offsets in one transaction.
    /// - Returns: `true` when it committed; `false` when it was aborted, so the input must be rewound.
    /// - Throws: A fenced or fatal `KafkaError` (this producer can no longer be used), or another error of
    ///   the processing; the transaction is aborted either way.
    private func runTransaction(over records: [KafkaConsumerMessage]) async throws -> Bool {
        let number = context.events.beginTransaction()
        do {
            let processed = try await producer.withTransaction { transaction in
                var processed: [ServiceEvent.Kind] = []
                for record in records {
                    processed.append(try await process(record, in: transaction))
                }
                // The input offsets commit with the output: both become visible together, or neither does.
                try await transaction.sendOffsets(records.nextOffsets, consumer: consumer)
                return processed
            }
            context.events.emit(.transactionCommit(transaction: number, success: true))
            processed.forEach(context.events.emit)
            return true
        } catch let error as KafkaError where !error.isFatal {
            // withTransaction has aborted it: nothing of this batch is visible and its offsets are not committed.
            context.logger.warning("transaction \(number) aborted: \(error)")
            context.events.emit(.transactionAbort(transaction: number, reason: error.description))
            return false
        } catch {
            context.events.emit(.transactionCommit(transaction: number, success: false))
            throw error
        }
    }
    // endregion

    /// Sends one record's output (or, when it fails every retry, its dead-letter copy) in the transaction.
    /// - Returns: The event to report once the transaction has committed.
    private func process(_ record: KafkaConsumerMessage, in transaction: KafkaTransaction) async throws -> ServiceEvent.Kind {
        let output: KafkaProducerMessage
        do {
            output = try await retries.process(record) { try await transformer.transform(record) }
        } catch let error where !(error is CancellationError) {
            // region: dead-letter
            // In the same transaction: the dead letter and the input offset commit together, or neither does.
            context.logger.error("dead-lettering \(record.topic)[\(record.partition)]@\(record.offset): \(error)")
            let copy = deadLetters.message(for: record, error: error)
            try await tracker.send(copy, in: transaction, events: context.events)
            return deadLetters.deadLetterEvent(record, error: error)
            // endregion
        }
        try await tracker.send(output, in: transaction, events: context.events)
        return .processed(record)
    }
}

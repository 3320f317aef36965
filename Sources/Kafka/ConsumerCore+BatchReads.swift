import CRdKafka
import Logging
import Synchronization

/// Reading many messages per librdkafka call, and keeping librdkafka 2.0's batch API from losing any.
///
/// `rd_kafka_consume_batch_queue` takes a whole run of messages off the consumer queue under one lock,
/// about three times as fast as one `rd_kafka_consumer_poll` per message. Two things make it unlike the
/// single poll, both handled here:
/// - Callbacks run in the middle of a batch read and the read goes on after them (`rd_kafka_yield` does not
///   stop it cleanly: librdkafka 2.0.2 then drops the message it had taken, which a test of ours showed).
///   So when a rebalance handler revokes, re-assigns or seeks partitions during a read, the read's messages
///   of those partitions may come from before or after the handler. They are all dropped, and the ones the
///   consumer still reads restart where the handler left them: the sought offset, or where the new
///   assignment starts (the handler's start offset, else the committed one, else `auto.offset.reset`).
/// - librdkafka < 2.1 skips offsets after a resume when a pause or resume lands during a batch read
///   (confluentinc/librdkafka#4208): pause and resume wait until the read has returned, without blocking
///   the caller (see ``pause(_:resume:)``).
extension ConsumerCore {
    /// The most messages one batch read asks for, so that one read of large messages cannot overshoot the
    /// batch's byte limit by much.
    static let batchReadSize = 512

    /// Reads up to `count` messages into ``readBuffer`` without waiting, under ``batchReadLock``.
    /// - Returns: How many it read, and the revocation and assignment counts from before the read.
    func readBatch(count: Int) -> (read: Int, revocationsBefore: UInt64, assignmentsBefore: UInt64) {
        guard let consumerQueue else { return (0, 0, 0) }
        let result = batchReadLock.withLock { _ in
            let revocations = revocationCount.load(ordering: .acquiring)
            let assignments = assignmentCount.load(ordering: .acquiring)
            let read = rd_kafka_consume_batch_queue(consumerQueue, 0, readBuffer, count)
            applyDeferredPauses()
            return (max(read, 0), revocations, assignments)
        }
        // A pause that found the read running and queued itself after the read's own check is applied here.
        while pauses.withLock({ !$0.deferred.isEmpty && $0.membershipChangesPending == 0 }) {
            batchReadLock.withLock { _ in applyDeferredPauses() }
        }
        return result
    }

    /// After a batch read during which a handler revoked, re-assigned or sought `partitions` (whose messages
    /// of that read were dropped), starts the ones still assigned where the handler left them.
    func restartAfterBatchRead(_ partitions: Set<KafkaTopicPartition>, assignmentsBefore: UInt64) {
        let assigned = partitionsAssigned(since: assignmentsBefore)
        let (sought, lastRevocation) = state.withLock { state in
            (state.sought, state.revocations.reduce(into: [KafkaTopicPartition: UInt64]()) { last, revocation in
                for partition in revocation.partitions { last[partition] = revocation.number }
            })
        }
        var targets: [KafkaTopicPartitionOffset] = []
        var fromCommitted: [KafkaTopicPartition] = []
        for partition in partitions.sorted() {
            // Assigned again after it was last taken away: it starts where the new assignment starts.
            if let assignment = assigned[partition], assignment.afterRevocation >= lastRevocation[partition] ?? 0 {
                if let start = assignment.start {
                    targets.append(KafkaTopicPartitionOffset(topic: partition.topic, partition: partition.partition, offset: start))
                } else {
                    fromCommitted.append(partition)
                }
            } else if let offset = sought[partition] {
                // Sought (a revocation since would have cleared it): it starts at the sought offset.
                targets.append(KafkaTopicPartitionOffset(topic: partition.topic, partition: partition.partition, offset: offset))
            }
        }
        if !fromCommitted.isEmpty {
            let list = RDKafkaPartitionList(fromCommitted)
            if rd_kafka_committed(handle.pointer, list.pointer, 10_000) == RD_KAFKA_RESP_ERR_NO_ERROR {
                targets += list.offsets.map(start(fromCommitted:))
            } else {
                logger.warning("consumer: could not read committed offsets to restart \(fromCommitted) after a rebalance")
            }
        }
        logger.debug("consumer: a handler moved \(partitions.sorted()) during a batch read; restarting \(targets)")
        guard !targets.isEmpty else { return }
        do {
            try seekNow(targets, timeoutMs: 10_000)
        } catch {
            logger.warning("consumer: could not restart \(targets) after a rebalance during a batch read: \(error)")
        }
    }

    /// Records the partitions an assignment added and where the handler started them (`nil`: committed offset).
    func recordAssignment(_ partitions: [KafkaTopicPartition], starts: [KafkaTopicPartition: Int64]) {
        state.withLock { state in
            let number = assignmentCount.load(ordering: .relaxed) + 1
            state.assignments.append((
                number, revocationCount.load(ordering: .relaxed),
                Dictionary(partitions.map { ($0, starts[$0]) }, uniquingKeysWith: { $1 })
            ))
            if state.assignments.count > 64 { state.assignments.removeFirst(state.assignments.count - 64) }
            assignmentCount.store(number, ordering: .releasing)
        }
    }

    /// The partitions assigned after assignment number `since`: each one's latest start offset (`nil`: the
    /// committed offset) and the revocation count when it was assigned.
    func partitionsAssigned(since: UInt64) -> [KafkaTopicPartition: (start: Int64?, afterRevocation: UInt64)] {
        state.withLock { state in
            state.assignments.filter { $0.number > since }.reduce(into: [:]) { latest, assignment in
                for (partition, start) in assignment.starts { latest[partition] = (start, assignment.afterRevocation) }
            }
        }
    }

    // MARK: Pause and resume

    /// Pauses or resumes partitions at once, or, while a batch read is running, as soon as it returns, and
    /// after the subscribe and assign calls made before it (which take effect on the poll queue).
    ///
    /// The caller never waits for the read (a rebalance handler may be calling from inside it). Only an
    /// immediate pause reports librdkafka's refusal; a deferred one logs it.
    func pause(_ partitions: [KafkaTopicPartition], resume: Bool) throws {
        try startCall(duringClose: mayCallDuringClose)
        defer { finishCall() }
        let queued = pauses.withLock { pauses in
            guard pauses.membershipChangesPending > 0 else { return false }
            pauses.deferred.append((partitions, resume))
            return true
        }
        if queued { return }
        let immediate = batchReadLock.withLockIfAvailable { _ -> Result<Void, KafkaError> in
            applyDeferredPauses()
            return Result { () throws(KafkaError) in try applyPause(partitions, resume: resume) }
        }
        if let immediate { return try immediate.get() }
        pauses.withLock { $0.deferred.append((partitions, resume)) }
        _ = batchReadLock.withLockIfAvailable { _ in applyDeferredPauses() }
    }

    /// Called on the poll queue once a queued subscribe or assign was made: pauses that waited for it follow.
    func membershipChangeMade() {
        pauses.withLock { $0.membershipChangesPending -= 1 }
        guard (try? startCall(duringClose: true)) != nil else { return }
        defer { finishCall() }
        batchReadLock.withLock { _ in applyDeferredPauses() }
    }

    /// Applies the pauses and resumes that waited, in order, unless a subscribe or assign made before them is
    /// still queued; runs under ``batchReadLock``.
    func applyDeferredPauses() {
        let pending = pauses.withLock { pauses in
            guard pauses.membershipChangesPending == 0 else { return [(partitions: [KafkaTopicPartition], resume: Bool)]() }
            defer { pauses.deferred.removeAll() }
            return pauses.deferred
        }
        for request in pending {
            do {
                try applyPause(request.partitions, resume: request.resume)
            } catch {
                logger.warning("consumer: \(request.resume ? "resume" : "pause") of \(request.partitions) failed: \(error)")
            }
        }
    }

    private func applyPause(_ partitions: [KafkaTopicPartition], resume: Bool) throws(KafkaError) {
        let list = RDKafkaPartitionList(partitions)
        let code = resume ? rd_kafka_resume_partitions(handle.pointer, list.pointer) : rd_kafka_pause_partitions(handle.pointer, list.pointer)
        if code != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw KafkaError(code: .init(rawValue: code.rawValue), context: resume ? "resume failed" : "pause failed")
        }
        if let error = list.firstError(context: resume ? "resume failed" : "pause failed") { throw error }
    }
}

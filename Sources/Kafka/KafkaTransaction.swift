import CRdKafka
import Logging
import Synchronization

/// The work inside one transaction: messages sent here and offsets sent with ``sendOffsets(_:consumer:timeout:)``
/// become visible to `read_committed` readers together, or not at all.
///
/// A transaction is usable only inside the ``KafkaProducer/withTransaction(_:)`` body that received it:
/// once that body returned (the transaction commits or aborts), its calls throw the closed error.
public struct KafkaTransaction: Sendable {
    let core: ProducerCore
    let machine: TransactionStateMachine

    /// Adds a message to the transaction; it is delivered when the transaction commits.
    /// - Parameter message: The message.
    /// - Returns: The message's id.
    /// - Throws: ``KafkaError``; the closed error (code `_DESTROY`) after the transaction ended.
    @discardableResult
    public func send(_ message: KafkaProducerMessage) async throws -> KafkaMessageID {
        try machine.ensureOpen()
        return try await core.enqueue(message)
    }

    /// Commits the consumer's input offsets as part of the transaction (consume-process-produce).
    /// - Parameters:
    ///   - offsets: The next offset to read in each input partition (last processed + 1).
    ///   - consumer: The consumer the input came from; its group metadata fences zombie instances.
    ///   - timeout: How long to wait for the group coordinator; `_TIMED_OUT` (retriable) after it.
    /// - Throws: ``KafkaError``; if it ``KafkaError/requiresAbort``, the transaction will be aborted.
    public func sendOffsets(
        _ offsets: [KafkaTopicPartitionOffset], consumer: KafkaConsumer, timeout: Duration = .seconds(30)
    ) async throws {
        try machine.ensureOpen()
        let producer = core.handle
        let consumerCore = consumer.core
        let timeoutMs = timeout.milliseconds
        try await core.withCall {
            try await consumerCore.withCall(duringClose: RebalanceBridge.isInsideHandler) {
                try await BlockingCalls.run {
                    guard let metadata = rd_kafka_consumer_group_metadata(consumerCore.handle.pointer) else {
                        throw KafkaError(code: .state, message: "the consumer has no group metadata: subscribe it to a group first")
                    }
                    defer { rd_kafka_consumer_group_metadata_destroy(metadata) }
                    let list = RDKafkaPartitionList(offsets)
                    if let error = rd_kafka_send_offsets_to_transaction(producer.pointer, list.pointer, metadata, timeoutMs) {
                        throw KafkaError(consuming: error, context: "could not add offsets to the transaction")
                    }
                }
            }
        }
    }
}

/// The lifecycle of one transaction: open while its body runs, ended once it commits or aborts.
final class TransactionStateMachine: Sendable {
    enum Phase { case open, ended }
    private let phase = Mutex(Phase.open)

    func ensureOpen() throws(KafkaError) {
        if phase.withLock({ $0 }) == .ended {
            throw KafkaError(
                code: .destroy, message: "the transaction has ended (committed or aborted); use the one withTransaction passes",
                subject: "transaction")
        }
    }

    func end() { phase.withLock { $0 = .ended } }
}

extension KafkaProducer {
    /// Runs `body` in a transaction: commits when it returns, aborts when it throws.
    ///
    /// librdkafka's error classes decide what happens:
    /// - retriable errors of begin, commit and abort are retried here;
    /// - an error that ``KafkaError/requiresAbort`` aborts the transaction and is rethrown: rewind the input
    ///   (``KafkaConsumer/rewindToCommitted(timeout:)``) and run the transaction again;
    /// - a fatal or fenced error (``KafkaError/isFatal``) is rethrown: stop this producer.
    ///
    /// - Important: Requires `transactional.id`; transactions are initialized on first use.
    /// - Parameter body: The transaction's work.
    /// - Returns: What `body` returns.
    @discardableResult
    public func withTransaction<T: Sendable>(_ body: (KafkaTransaction) async throws -> T) async throws -> T {
        try await core.initTransactionsIfNeeded()
        try core.beginTransaction()
        let machine = TransactionStateMachine()
        defer { machine.end() }
        let result: T
        do {
            result = try await body(KafkaTransaction(core: core, machine: machine))
        } catch {
            machine.end()
            try await core.abortTransaction()
            throw error
        }
        machine.end()
        do {
            try await core.commitTransaction()
        } catch let error as KafkaError where error.requiresAbort {
            try await core.abortTransaction()
            throw error
        }
        return result
    }
}

extension ProducerCore {
    /// librdkafka's transactional calls block; each runs off the cooperative pool and is retried while
    /// librdkafka says the error is retriable.
    private func transactionCall(
        _ what: String,
        _ call: @escaping @Sendable (OpaquePointer) -> OpaquePointer?
    ) async throws {
        let handle = self.handle
        while true {
            let failure: KafkaError? = try await withCall {
                await BlockingCalls.run { call(handle.pointer).map { KafkaError(consuming: $0, context: what) } }
            }
            guard let failure else { return }
            if failure.isFatal {
                state.withLock { $0.fatalError = failure }
                throw failure
            }
            guard failure.isRetriable else { throw failure }
            logger.info("\(what): retrying after \(failure.name)")
        }
    }

    func initTransactionsIfNeeded() async throws {
        guard isTransactional else {
            throw KafkaError(
                code: .state, message: "withTransaction needs a transactional producer: set transactional.id",
                subject: "transactional.id")
        }
        if let fatal = state.withLock({ $0.fatalError }) { throw fatal }
        guard !state.withLock({ $0.transactionsInitialized }) else { return }
        try await transactionCall("init_transactions") { rd_kafka_init_transactions($0, 30_000) }
        state.withLock { $0.transactionsInitialized = true }
    }

    func beginTransaction() throws {
        try withCall {
            if let error = rd_kafka_begin_transaction(handle.pointer) {
                throw KafkaError(consuming: error, context: "begin_transaction")
            }
        }
    }

    func commitTransaction() async throws {
        try await transactionCall("commit_transaction") { rd_kafka_commit_transaction($0, 30_000) }
    }

    func abortTransaction() async throws {
        try await transactionCall("abort_transaction") { rd_kafka_abort_transaction($0, 30_000) }
    }
}

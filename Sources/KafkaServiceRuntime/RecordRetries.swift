public import Kafka
import Logging
import Synchronization

/// Processes records with a ``RetryPolicy``, logging each retry. With `FAIL_EVERY` set (``VerifyHooks``),
/// every Nth record fails on every attempt, so its retries run out and the dead-letter path runs.
public final class RecordRetries: Sendable {
    /// The policy.
    public let policy: RetryPolicy
    private let failEvery: Int
    private let logger: Logger
    private let recordCount = Atomic<Int>(0)

    /// Retries with `policy`, failing records as `context`'s hooks say.
    public init(_ policy: RetryPolicy, context: ServiceContext) {
        self.policy = policy
        self.failEvery = context.environment.hooks.failEvery
        self.logger = context.logger
    }

    /// Runs `work` for `record` until it succeeds or the retries are used up.
    /// - Returns: What `work` returns.
    /// - Throws: The last error, a ``PermanentFailure``, or `CancellationError`.
    public func process<T>(_ record: KafkaConsumerMessage, _ work: () async throws -> T) async throws -> T {
        let number = recordCount.add(1, ordering: .relaxed).newValue
        return try await policy.run {
            if failEvery > 0, number % failEvery == 0 { throw InjectedFailure(recordNumber: number, every: failEvery) }
            return try await work()
        } onRetry: { attempt, error in
            logger.warning("retry \(attempt)/\(policy.retries) of \(record.topic)[\(record.partition)]@\(record.offset): \(error)")
        }
    }
}

/// The failure `FAIL_EVERY` injects.
struct InjectedFailure: Error, CustomStringConvertible {
    var recordNumber: Int
    var every: Int
    var description: String { "injected failure of record #\(recordNumber) (FAIL_EVERY=\(every))" }
}

/// Retries a failing operation with exponential backoff and jitter: about `backoff`, then twice that, and
/// so on up to `maxBackoff`, at most `retries` times. Each wait is drawn from its upper half
/// (`jitter` 0.5), so instances that failed together do not retry together. A ``PermanentFailure`` is not
/// retried.
public struct RetryPolicy: Sendable, Hashable {
    /// Retries after the first attempt.
    public var retries: Int
    /// The first wait.
    public var backoff: Duration
    /// The longest wait.
    public var maxBackoff: Duration
    /// The share of each wait drawn at random, from 0 (none) to 1 (anything from zero to the full wait).
    public var jitter: Double

    /// Creates a policy.
    public init(retries: Int, backoff: Duration, maxBackoff: Duration = .seconds(30), jitter: Double = 0.5) {
        self.retries = retries
        self.backoff = backoff
        self.maxBackoff = maxBackoff
        self.jitter = min(max(jitter, 0), 1)
    }

    /// The wait before retry `attempt` (from 1), with `random` in 0...1 choosing within the jitter.
    public func delay(beforeRetry attempt: Int, random: Double = .random(in: 0...1)) -> Duration {
        var full = backoff
        for _ in 1..<max(attempt, 1) where full < maxBackoff { full = full * 2 }
        full = min(full, maxBackoff)
        return full * (1 - jitter * random)
    }

    /// Runs `operation` until it succeeds or the retries are used up.
    /// - Parameters:
    ///   - operation: The work; it is run again after each retriable error.
    ///   - onRetry: Told about each failure that will be retried, with the attempt number.
    /// - Returns: What `operation` returns.
    /// - Throws: The last error, a ``PermanentFailure``, or `CancellationError` when cancelled while waiting.
    public func run<T>(
        _ operation: () async throws -> T,
        onRetry: (_ attempt: Int, _ error: any Error) -> Void = { _, _ in }
    ) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await operation()
            } catch let error where !(error is PermanentFailure) && !(error is CancellationError) && attempt <= retries {
                onRetry(attempt, error)
                try await Task.sleep(for: delay(beforeRetry: attempt))
                attempt += 1
            }
        }
    }
}

/// A processing failure that retrying cannot fix, such as a malformed value: it goes straight to the
/// dead-letter topic.
public struct PermanentFailure: Error, Sendable, CustomStringConvertible {
    /// Why the record cannot be processed.
    public var reason: String

    /// Creates a failure.
    public init(reason: String) {
        self.reason = reason
    }

    /// The reason.
    public var description: String { reason }
}

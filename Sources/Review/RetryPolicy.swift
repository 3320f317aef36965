/// When and how long to wait before retrying a failed model request.
///
/// Delays grow from `initialBackoff`, doubling per retry up to `maxBackoff`, each reduced by up to
/// a quarter at random so that many clients do not retry in step. A server's `retry-after` wins
/// when it is no longer than `maxRetryAfter`.
public struct RetryPolicy: Sendable {
    /// Retries after the first attempt. Default: 5.
    public var maxRetries: Int
    /// The delay before the first retry. Default: 0.5 s.
    public var initialBackoff: Duration
    /// The longest computed delay. Default: 8 s.
    public var maxBackoff: Duration
    /// The longest `retry-after` honoured; longer ones fall back to the computed delay. Default: 60 s.
    public var maxRetryAfter: Duration
    /// Waits for a delay; injected so tests can record delays instead of waiting them out.
    /// Default: `Task.sleep(for:)`.
    public var sleep: @Sendable (Duration) async throws -> Void
    /// A random number in `0..<1` for jitter. Default: `Double.random(in: 0..<1)`.
    public var jitter: @Sendable () -> Double

    /// Creates a policy.
    /// - Parameters:
    ///   - maxRetries: Retries after the first attempt.
    ///   - initialBackoff: The delay before the first retry.
    ///   - maxBackoff: The longest computed delay.
    ///   - maxRetryAfter: The longest `retry-after` honoured.
    ///   - sleep: Waits for a delay.
    ///   - jitter: A random number in `0..<1`.
    public init(
        maxRetries: Int = 5,
        initialBackoff: Duration = .milliseconds(500),
        maxBackoff: Duration = .seconds(8),
        maxRetryAfter: Duration = .seconds(60),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.maxRetries = maxRetries
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.maxRetryAfter = maxRetryAfter
        self.sleep = sleep
        self.jitter = jitter
    }

    /// The delay before a retry.
    /// - Parameters:
    ///   - retry: The retry's number, from 1.
    ///   - retryAfter: The server's `retry-after`, if it sent one.
    /// - Returns: How long to wait.
    public func delay(beforeRetry retry: Int, retryAfter: Duration?) -> Duration {
        if let retryAfter, retryAfter >= .zero, retryAfter <= maxRetryAfter {
            return retryAfter
        }
        var backoff = initialBackoff
        for _ in 1..<max(retry, 1) where backoff < maxBackoff {
            backoff *= 2
        }
        return min(backoff, maxBackoff) * (1 - 0.25 * min(max(jitter(), 0), 1))
    }
}

/// Retries a failing operation with exponential backoff: `backoff`, then twice that, and so on up to
/// `maxBackoff`, at most `retries` times. A ``PermanentFailure`` is not retried.
struct RetryPolicy: Sendable {
    var retries: Int
    var backoff: Duration
    var maxBackoff: Duration = .seconds(30)

    /// Runs `operation` until it succeeds or the retries are used up.
    /// - Parameters:
    ///   - operation: The work; it is run again after each retriable error.
    ///   - onRetry: Told about each failure that will be retried, with the attempt number.
    /// - Returns: What `operation` returns.
    /// - Throws: The last error, a ``PermanentFailure``, or `CancellationError` when cancelled while waiting.
    func run<T>(
        _ operation: () async throws -> T,
        onRetry: (_ attempt: Int, _ error: any Error) -> Void
    ) async throws -> T {
        var delay = backoff
        var attempt = 1
        while true {
            do {
                return try await operation()
            } catch let error where !(error is PermanentFailure) && attempt <= retries {
                onRetry(attempt, error)
                try await Task.sleep(for: delay)
                delay = min(delay * 2, maxBackoff)
                attempt += 1
            }
        }
    }
}

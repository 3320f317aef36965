import Review
import Synchronization

/// Records the backoff delays a retry policy asks for and waits only a millisecond for each, so
/// retry tests take real HTTP round trips but no real backoff time.
final class SleepRecorder: Sendable {
    private let delays = Mutex<[Duration]>([])

    var recorded: [Duration] {
        delays.withLock { $0 }
    }

    func policy(maxRetries: Int = 5, jitter: Double = 0) -> RetryPolicy {
        RetryPolicy(
            maxRetries: maxRetries,
            sleep: { [self] delay in
                delays.withLock { $0.append(delay) }
                try await Task.sleep(for: .milliseconds(1))
            },
            jitter: { jitter }
        )
    }
}

import Synchronization

/// Tells when the service has had nothing to read for a while (`EXIT_AFTER_IDLE_MS`).
///
/// The clock starts at the first activity (an assignment or a record), so the wait for the group to form
/// never counts as idleness.
final class IdleTimer: Sendable {
    private let lastActivity = Mutex<ContinuousClock.Instant?>(nil)

    /// Records activity now.
    func touch() {
        lastActivity.withLock { $0 = .now }
    }

    /// Returns once `limit` has passed since the last activity, or when the task is cancelled.
    func waitUntilIdle(for limit: Duration) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(100))
            if let last = lastActivity.withLock({ $0 }), last.duration(to: .now) >= limit { return }
        }
    }
}

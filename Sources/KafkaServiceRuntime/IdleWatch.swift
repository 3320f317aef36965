public import ServiceLifecycle

/// The `EXIT_AFTER_IDLE_MS` hook (`Service`): returns once the service has been idle that long, which
/// shuts its group down gracefully.
///
/// Activity is what the event log sees: an assignment or a record. The clock starts at the first one, so
/// the wait for the group to form never counts as idleness.
public struct IdleWatch: Service {
    /// The log whose activity is watched.
    public var events: EventLog
    /// How long without activity ends the service.
    public var limit: Duration

    /// Watches `events` for `limit` of idleness.
    public init(events: EventLog, limit: Duration) {
        self.events = events
        self.limit = limit
    }

    /// Returns when idle for `limit`, or on graceful shutdown.
    public func run() async {
        try? await cancelWhenGracefulShutdown {
            while true {
                try await Task.sleep(for: min(limit, .milliseconds(100)))
                if let last = events.lastActivity, last.duration(to: .now) >= limit { return }
            }
        }
    }
}

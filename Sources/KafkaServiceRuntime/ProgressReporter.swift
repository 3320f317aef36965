public import ServiceLifecycle

/// Emits the `tool_data` progress event every 500 ms while the service runs, and once more at the end
/// (`Service`). Does nothing when events go nowhere.
public struct ProgressReporter: Service {
    /// The log it reports the counts of, and writes to.
    public var events: EventLog

    /// Reports `events`' counts.
    public init(events: EventLog) {
        self.events = events
    }

    /// Reports until graceful shutdown.
    public func run() async {
        guard events.isEnabled else { return }
        // Sleeping ends with cancellation on graceful shutdown; the final counts are then reported once more.
        try? await cancelWhenGracefulShutdown {
            while true {
                try await Task.sleep(for: .milliseconds(500))
                events.emit(events.progress)
            }
        }
        events.emit(events.progress)
    }
}

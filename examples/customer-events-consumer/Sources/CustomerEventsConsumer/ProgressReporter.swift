import ServiceLifecycle

/// Emits the `tool_data` progress event every 500 ms while the service runs, and once more at the end.
struct ProgressReporter: Service {
    var progress: Progress
    var events: EventLog

    func run() async {
        guard events.isEnabled else { return }
        // Sleeping ends with cancellation on graceful shutdown; the final counts are then reported once more.
        try? await cancelWhenGracefulShutdown {
            while true {
                try await Task.sleep(for: .milliseconds(500))
                events.emit(progress.event)
            }
        }
        events.emit(progress.event)
    }
}

public import Kafka
public import Logging
public import ServiceLifecycle

/// Reads a producer's events and hands each delivery report to a ``DeliveryTracker`` (`Service`).
///
/// The producer's events end when the producer has shut down and its last report is read; put this
/// service before the producer in the group, so that it stops after it.
public struct DeliveryReports: Service {
    /// The producer's events.
    public var reports: KafkaProducerEvents
    /// Where the reports go.
    public var tracker: DeliveryTracker
    /// Where producer errors are logged.
    public var logger: Logger

    /// Hands `reports` to `tracker`.
    public init(reports: KafkaProducerEvents, tracker: DeliveryTracker, logger: Logger) {
        self.reports = reports
        self.tracker = tracker
        self.logger = logger
    }

    /// Reads until the producer has shut down, then waits for the group's graceful shutdown.
    public func run() async {
        for await event in reports {
            switch event {
            case .deliveryReports(let batch):
                for report in batch { tracker.delivered(report) }
            case .error(let error):
                logger.error("producer error: \(error)")
            }
        }
        // The group stops services one at a time; finishing before its turn would count as a failure.
        try? await gracefulShutdown()
    }
}

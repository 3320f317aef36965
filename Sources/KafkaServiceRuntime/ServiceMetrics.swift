import Metrics

/// The service's counters, through swift-metrics: `kafka_service_events_total`, one series per event name,
/// counted from the event log. They cost nothing until the application bootstraps a metrics backend
/// (`MetricsSystem.bootstrap`), such as a Prometheus registry served on `/metrics`.
struct ServiceMetrics: Sendable {
    private let counters: [String: Counter]

    init(service: String) {
        var counters: [String: Counter] = [:]
        for name in ServiceEvent.names where name != "tool_data" {
            counters[name] = Counter(label: "kafka_service_events_total", dimensions: [("service", service), ("event", name)])
        }
        self.counters = counters
    }

    func count(_ kind: ServiceEvent.Kind) {
        counters[kind.name]?.increment()
    }
}

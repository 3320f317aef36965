public import KafkaServiceRuntime
public import KafkaSkillModel

/// An event together with the process instance that wrote it and the line it came from.
public struct RecordedEvent: Sendable, Hashable, Codable {
    /// The process instance, e.g. `at-least-once-consumer#2`; each process run writes its own file.
    public var instance: String
    /// The event.
    public var event: ServiceEvent
    /// The file and line it was read from.
    public var location: SourceLocation

    /// Creates a recorded event.
    public init(instance: String, event: ServiceEvent, location: SourceLocation) {
        self.instance = instance
        self.event = event
        self.location = location
    }
}

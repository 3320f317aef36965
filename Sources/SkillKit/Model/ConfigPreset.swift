public import KafkaSkillModel
/// A ready-to-use set of librdkafka properties for one client role and delivery guarantee.
///
/// Rendered into `assets/presets/<id>.properties` and listed in `assets/presets/index.yaml`.
public struct ConfigPreset: Sendable, Equatable {
    /// The preset's id, unique across the course (kebab-case), e.g. `producer-at-least-once`.
    public var id: String
    /// The client the preset configures.
    public var role: PresetRole
    /// The delivery guarantee the preset gives, together with the matching preset of the other role.
    public var guarantee: DeliveryGuarantee
    /// One sentence on when to use the preset.
    public var summary: String
    /// The properties, in the order they are written.
    public var properties: [PresetProperty]
    /// Where the preset is defined.
    public var location: SourceLocation

    /// Creates a preset.
    public init(id: String, role: PresetRole, guarantee: DeliveryGuarantee, summary: String, properties: [PresetProperty], location: SourceLocation) {
        self.id = id
        self.role = role
        self.guarantee = guarantee
        self.summary = summary
        self.properties = properties
        self.location = location
    }
}

/// One property of a preset with the reason it is set.
public struct PresetProperty: Sendable, Equatable {
    /// The librdkafka property name.
    public var key: String
    /// The value, as librdkafka takes it.
    public var value: String
    /// Why the property has this value.
    public var why: String

    /// Creates a preset property.
    public init(key: String, value: String, why: String) {
        self.key = key
        self.value = value
        self.why = why
    }
}

/// The client a preset configures.
public enum PresetRole: String, Sendable, Equatable, CaseIterable {
    /// A producer.
    case producer
    /// A consumer.
    case consumer
}

/// An end-to-end delivery guarantee.
public enum DeliveryGuarantee: String, Sendable, Equatable, CaseIterable {
    /// Each record is processed zero or one times.
    case atMostOnce = "at-most-once"
    /// Each record is processed one or more times.
    case atLeastOnce = "at-least-once"
    /// Each record's effects are committed exactly once (Kafka-to-Kafka, with transactions).
    case exactlyOnce = "exactly-once"
}

/// How a service with Avro values uses the schema registry (`messages.value.registry` in a spec).
///
/// ```yaml
/// messages:
///   value:
///     format: avro
///     schema: schemas/customer-v1.avsc
///     registry: { subjectStrategy: topic, autoRegister: false }
/// ```
public struct SchemaRegistrySpec: Sendable, Hashable {
    /// How the registry subject is named.
    ///
    /// Default: ``SubjectStrategy/topic``.
    public var subjectStrategy: SubjectStrategy
    /// Whether a producer registers its schema at startup. Off, the schema must already be registered (through
    /// review and CI) and a producer whose schema is not fails at startup, naming the subject.
    ///
    /// Default: `false`, as every production preset wants.
    public var autoRegister: Bool

    /// Creates registry settings.
    public init(subjectStrategy: SubjectStrategy = .topic, autoRegister: Bool = false) {
        self.subjectStrategy = subjectStrategy
        self.autoRegister = autoRegister
    }

    /// How the registry subject of a topic's values is named, as Confluent's `value.subject.name.strategy`.
    public enum SubjectStrategy: String, Sendable, Hashable, CaseIterable {
        /// `<topic>-value`: one schema lineage per topic (Confluent's default).
        case topic
        /// The record's full name, whatever the topic.
        case record
        /// `<topic>-<record full name>`: several record types per topic.
        case topicRecord = "topic-record"
    }
}

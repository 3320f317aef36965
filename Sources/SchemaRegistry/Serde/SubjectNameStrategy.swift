public import Avro

/// How a serializer names the registry subject of a topic's keys or values, as Confluent's
/// `key.subject.name.strategy` and `value.subject.name.strategy` do.
///
/// - ``topicName``: `<topic>-key` / `<topic>-value`; one schema lineage per topic (Confluent's default).
/// - ``recordName``: the record's full name; the same record type shares one lineage across topics.
/// - ``topicRecordName``: `<topic>-<record full name>`; several record types per topic, each with its own lineage.
public struct SubjectNameStrategy: Sendable, Hashable, CustomStringConvertible {
    private enum Kind: Sendable, Hashable {
        case topic
        case record
        case topicRecord
    }

    private let kind: Kind

    /// `<topic>-key` or `<topic>-value` (Confluent's `TopicNameStrategy`).
    public static let topicName = SubjectNameStrategy(kind: .topic)
    /// The record's full name, whatever the topic (Confluent's `RecordNameStrategy`).
    public static let recordName = SubjectNameStrategy(kind: .record)
    /// `<topic>-<record full name>` (Confluent's `TopicRecordNameStrategy`).
    public static let topicRecordName = SubjectNameStrategy(kind: .topicRecord)

    /// The strategy's Confluent class name, for messages and configuration.
    public var description: String {
        switch kind {
        case .topic: return "TopicNameStrategy"
        case .record: return "RecordNameStrategy"
        case .topicRecord: return "TopicRecordNameStrategy"
        }
    }

    /// The subject for a message.
    ///
    /// - Parameters:
    ///   - topic: The topic the message goes to or came from.
    ///   - isKey: Whether it is the message's key rather than its value.
    ///   - schema: The message's schema.
    /// - Returns: The subject name.
    /// - Throws: ``SchemaRegistryError/subjectNameStrategy(strategy:message:)`` when a record strategy meets a schema
    ///   that is not a record.
    public func subject(topic: String, isKey: Bool, schema: AvroSchema) throws(SchemaRegistryError) -> String {
        switch kind {
        case .topic:
            return topic + (isKey ? "-key" : "-value")
        case .record:
            return try recordName(of: schema)
        case .topicRecord:
            return "\(topic)-\(try recordName(of: schema))"
        }
    }

    private func recordName(of schema: AvroSchema) throws(SchemaRegistryError) -> String {
        guard case let .record(record) = schema else {
            throw .subjectNameStrategy(
                strategy: description,
                message: "the schema is a \(schema.typeName), and only a record has the full name this strategy uses; "
                    + "use SubjectNameStrategy.topicName for \(schema.typeName) keys or values")
        }
        return record.name
    }
}

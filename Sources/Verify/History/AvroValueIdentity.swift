public import Avro
public import Foundation
import SchemaRegistry
import KafkaSkillModel

/// Reads values in the schema registry's wire format as the text the event contract gives them.
///
/// The service-event protocol: a service whose values are Avro records reports each value as the record's first field
/// written as text (the synthetic producer puts its sequence number there). The final drain decodes what
/// it reads with the writer's schema, fetched by the id in the value's header, and takes the same field, so
/// what services reported and what the log holds compare as equal text.
public final class AvroValueIdentity: Sendable {
    private let deserializer: AvroDeserializer

    /// Creates a reader that fetches writer schemas from a registry.
    /// - Parameter registryURL: The registry's base URL.
    public init(registryURL: URL) {
        deserializer = AvroDeserializer(client: SchemaRegistryClient(configuration: .init(baseURL: registryURL)))
    }

    /// The value's identity, or `nil` when it is not a framed Avro record this registry knows.
    /// - Parameter bytes: A record value as read from the log.
    public func text(of bytes: [UInt8]) async -> String? {
        guard bytes.count > ConfluentWireFormat.headerSize, bytes.first == ConfluentWireFormat.magicByte,
              let value = try? await deserializer.deserialize(bytes)
        else { return nil }
        return Self.identity(of: value)
    }

    /// The first field of a record, as text: integers in decimal, strings as they are.
    /// - Parameter value: A decoded value.
    /// - Returns: The text, or `nil` when the value is not a record whose first field is an integer or a string.
    public static func identity(of value: AvroValue) -> String? {
        guard case .record(let record) = value, let first = record.fields.first else { return nil }
        switch first.value {
        case .int(let number): return String(number)
        case .long(let number): return String(number)
        case .string(let text): return text
        default: return nil
        }
    }
}

import Avro
import Kafka
import KafkaServiceRuntime
import SchemaRegistry

/// Decodes Avro values in the Confluent wire format into ``CustomerEvent``: the writer's schema is fetched from
/// the registry by the id in each value (and cached), then resolved into this service's schema,
/// `schemas/customer-event-v1.avsc`. Values written with a newer compatible schema lose the fields this one does
/// not know; values written with an older one get this schema's defaults.
struct RecordDecoder: Sendable {
    private let deserializer: AvroDeserializer

    /// Compiles the service's schema as the reader schema.
    /// - Throws: `AvroError` when the schema does not parse.
    init(client: SchemaRegistryClient) throws {
        // region: avro-deserializer
        deserializer = AvroDeserializer(client: client, readerSchema: try AvroSchema(parsing: CustomerEvent.schemaText))
        // endregion
    }

    /// The record's value as a ``CustomerEvent``.
    /// - Throws: ``PermanentFailure`` for a tombstone, bytes without the wire-format header, an unknown schema id or
    ///   a writer schema this one cannot read; the registry's retriable errors (unreachable, 5xx) as they are.
    func decode(_ record: KafkaConsumerMessage) async throws -> CustomerEvent {
        guard let value = record.value else {
            throw PermanentFailure(reason: "the record has no value (a tombstone)")
        }
        do {
            return try await deserializer.deserialize(CustomerEvent.self, from: value)
        } catch {
            // An unreachable registry may come back; bytes that do not decode never will.
            if error.isRetriable { throw error }
            throw PermanentFailure(reason: "the value cannot be read as com.example.customers.CustomerEvent: \(error)")
        }
    }

    /// What events report as `record`'s value: ``CustomerEvent/eventValue``, or an empty string when the value
    /// cannot be decoded.
    func eventValue(of record: KafkaConsumerMessage) async -> String {
        do {
            return try await decode(record).eventValue
        } catch {
            return ""
        }
    }
}

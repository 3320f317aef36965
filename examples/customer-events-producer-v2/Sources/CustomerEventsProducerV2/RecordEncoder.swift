import Avro
import Foundation
import SchemaRegistry

/// Encodes ``CustomerEvent`` values in the Confluent wire format (magic byte 0, the schema id, Avro binary) with
/// `schemas/customer-event-v2.avsc`, under the registry subject its topic strategy names.
struct RecordEncoder: Sendable {
    private let client: SchemaRegistryClient
    private let serializer: AvroSerializer
    private let registryURL: URL

    /// Compiles the service's schema for encoding.
    /// - Throws: `AvroError` or `SchemaRegistryError` when the schema does not compile.
    init(client: SchemaRegistryClient, registryURL: URL) throws {
        self.client = client
        self.registryURL = registryURL
        // region: avro-serializer
        // Production: auto-registration off. Schemas reach the registry through review and CI; this service only
        // looks its schema's id up, so it can never change what the subject accepts.
        var configuration = AvroSerializer.Configuration.production
        configuration.subjectNameStrategy = .topicName
        serializer = try AvroSerializer(
            client: client, schema: try AvroSchema(parsing: CustomerEvent.schemaText), configuration: configuration)
        // endregion
    }

    /// Finds the schema id for `topic` before the first message, so that a schema nobody registered stops the
    /// service at startup, naming the subject, instead of failing every send.
    /// - Throws: ``SchemaNotRegistered`` or
    ///   another `SchemaRegistryError` (the registry is unreachable, say).
    func prepare(topic: String) async throws {
        let subject = try serializer.subject(forTopic: topic)
        do {
            _ = try await client.id(of: serializer.schema.jsonString, subject: subject)
        } catch .schemaNotRegistered, .subjectNotFound {
            throw SchemaNotRegistered(subject: subject, registryURL: registryURL)
        }
    }

    /// The wire-format bytes of `record` for `topic`.
    /// - Throws: `SchemaRegistryError` when the record does not fit the schema or its id cannot be found.
    func encode(_ record: CustomerEvent, topic: String) async throws -> [UInt8] {
        try await serializer.serialize(record, topic: topic)
    }
}

/// The service's schema is not registered under its subject, and the service does not register schemas.
struct SchemaNotRegistered: Error, CustomStringConvertible {
    var subject: String
    var registryURL: URL

    var description: String {
        let versions = registryURL.appendingPathComponent("subjects").appendingPathComponent(subject)
            .appendingPathComponent("versions").absoluteString
        return "schemas/customer-event-v2.avsc is not registered under subject '\(subject)' in the schema registry at "
            + "\(registryURL.absoluteString), and this service does not register schemas (auto-registration is off, as in "
            + "production). Register it through the registry's REST API first, e.g. `jq -n --rawfile schema "
            + "schemas/customer-event-v2.avsc '{schema: $schema}' | curl -X POST -H 'Content-Type: "
            + "application/vnd.schemaregistry.v1+json' --data @- \(versions)`, or set messages.value.registry.autoRegister: "
            + "true in the spec for development."
    }
}

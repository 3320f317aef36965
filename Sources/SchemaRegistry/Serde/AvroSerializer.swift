public import Avro
import Synchronization

/// Encodes Kafka keys or values as Avro in the Confluent wire format: magic byte, schema id, Avro binary.
///
/// ```swift
/// let serializer = try AvroSerializer(client: client, schema: orderSchema)   // production: ids are looked up
/// let value = try await serializer.serialize(order, topic: "orders")
/// try await producer.send(KafkaProducerMessage(topic: "orders", value: value))
/// ```
///
/// The schema id for each subject is found once and cached: by looking the schema up (the default), by registering
/// it, or by taking the subject's latest version, as ``Configuration/registration`` says.
///
/// - Important: Auto-registration is off in ``Configuration/production`` (the default), as Confluent recommends for
///   production: schemas reach the registry through review and CI, and a producer with a schema nobody registered
///   fails at its first message with ``SchemaRegistryError/schemaNotRegistered(subject:)`` instead of silently
///   evolving the subject. ``Configuration/development`` turns it on.
public final class AvroSerializer: Sendable {
    /// Where the schema id comes from.
    public struct RegistrationMode: Sendable, Hashable, CustomStringConvertible {
        private enum Kind: Sendable, Hashable {
            case lookUp
            case autoRegister
            case useLatestVersion
        }

        private let kind: Kind

        /// Look the serializer's schema up under the subject (`POST /subjects/{subject}`); it must be registered.
        /// Confluent's `auto.register.schemas=false`.
        public static let lookUp = RegistrationMode(kind: .lookUp)
        /// Register the serializer's schema under the subject (`POST /subjects/{subject}/versions`); the registry
        /// refuses it when it breaks the subject's compatibility level. Confluent's `auto.register.schemas=true`.
        public static let autoRegister = RegistrationMode(kind: .autoRegister)
        /// Write with the subject's latest version, after checking that it can read values of the serializer's
        /// schema; values are converted to it by schema resolution. The latest version is fetched once per subject,
        /// so a newer one is used only by a new serializer. Confluent's `use.latest.version=true`.
        public static let useLatestVersion = RegistrationMode(kind: .useLatestVersion)

        /// The mode's name.
        public var description: String {
            switch kind {
            case .lookUp: return "look up"
            case .autoRegister: return "auto-register"
            case .useLatestVersion: return "use latest version"
            }
        }
    }

    /// How the serializer finds subjects and schema ids.
    public struct Configuration: Sendable, Hashable {
        /// How subjects are named.
        ///
        /// Default: ``SubjectNameStrategy/topicName``.
        public var subjectNameStrategy: SubjectNameStrategy
        /// Whether this serializer writes message keys (subject `<topic>-key`) rather than values.
        ///
        /// Default: `false`.
        public var isKey: Bool
        /// Where the schema id comes from.
        ///
        /// Default: ``RegistrationMode/lookUp`` (auto-registration off).
        public var registration: RegistrationMode
        /// Whether the registry should normalize the schema when registering or looking it up.
        ///
        /// Default: `false`.
        public var normalizeSchemas: Bool

        /// Creates a configuration.
        ///
        /// - Parameters:
        ///   - subjectNameStrategy: How subjects are named.
        ///   - isKey: Whether keys are written.
        ///   - registration: Where the schema id comes from.
        ///   - normalizeSchemas: Whether the registry normalizes schemas.
        public init(
            subjectNameStrategy: SubjectNameStrategy = .topicName,
            isKey: Bool = false,
            registration: RegistrationMode = .lookUp,
            normalizeSchemas: Bool = false
        ) {
            self.subjectNameStrategy = subjectNameStrategy
            self.isKey = isKey
            self.registration = registration
            self.normalizeSchemas = normalizeSchemas
        }

        /// For production: the schema must already be registered; auto-registration is off.
        public static let production = Configuration()
        /// For development and tests: the schema is registered on first use.
        public static let development = Configuration(registration: .autoRegister)
    }

    /// The schema values are given in.
    public let schema: AvroSchema
    /// The configuration.
    public let configuration: Configuration
    private let client: SchemaRegistryClient
    private let schemaText: String
    private let valueEncoder: AvroBinaryEncoder
    private let codableEncoder: AvroEncoder
    private let targets = Mutex<[String: Target]>([:])

    /// What a subject resolved to: the id to write, and a conversion when the registered schema is not ours.
    private struct Target: Sendable {
        var id: Int32
        var conversion: Conversion?
    }

    private struct Conversion: Sendable {
        var reader: AvroBinaryDecoder
        var encoder: AvroBinaryEncoder
    }

    /// Creates a serializer.
    ///
    /// - Parameters:
    ///   - client: The registry client; share one client between serializers so they share its caches.
    ///   - schema: The schema values are given in.
    ///   - configuration: Subject naming and registration. Default: ``Configuration/production``.
    /// - Throws: ``SchemaRegistryError/avro(context:error:)`` when the schema refers to a named type it does not define.
    public init(client: SchemaRegistryClient, schema: AvroSchema, configuration: Configuration = .production) throws(SchemaRegistryError) {
        self.client = client
        self.schema = schema
        self.configuration = configuration
        schemaText = schema.jsonString
        do {
            valueEncoder = try AvroBinaryEncoder(schema: schema)
            codableEncoder = try AvroEncoder(schema: schema)
        } catch {
            throw .avro(context: "compiling the serializer's schema", error: error)
        }
    }

    /// The subject this serializer uses for a topic.
    ///
    /// - Parameter topic: The topic.
    /// - Returns: The subject name.
    /// - Throws: ``SchemaRegistryError/subjectNameStrategy(strategy:message:)`` when the strategy cannot name one.
    public func subject(forTopic topic: String) throws(SchemaRegistryError) -> String {
        try configuration.subjectNameStrategy.subject(topic: topic, isKey: configuration.isKey, schema: schema)
    }

    /// Encodes a generic value for a topic.
    ///
    /// - Parameters:
    ///   - value: A value of the serializer's schema.
    ///   - topic: The topic it is for, which names the subject.
    /// - Returns: The wire-format bytes.
    /// - Throws: ``SchemaRegistryError/avro(context:error:)`` when the value does not fit the schema, or the errors of
    ///   finding the schema id (``SchemaRegistryError/schemaNotRegistered(subject:)``,
    ///   ``SchemaRegistryError/incompatibleSchema(subject:message:)``, …).
    public func serialize(_ value: AvroValue, topic: String) async throws(SchemaRegistryError) -> [UInt8] {
        let subject = try subject(forTopic: topic)
        let target = try await target(for: subject)
        var bytes: [UInt8] = []
        ConfluentWireFormat.appendHeader(schemaID: target.id, to: &bytes)
        do {
            if let conversion = target.conversion {
                let converted = try conversion.reader.decode(valueEncoder.encode(value))
                try conversion.encoder.encode(converted, into: &bytes)
            } else {
                try valueEncoder.encode(value, into: &bytes)
            }
        } catch {
            throw .avro(context: "encoding a value for subject '\(subject)'", error: error)
        }
        return bytes
    }

    /// Encodes an `Encodable` value for a topic; properties map to fields by coding key.
    ///
    /// - Parameters:
    ///   - value: The value.
    ///   - topic: The topic it is for, which names the subject.
    /// - Returns: The wire-format bytes.
    /// - Throws: As ``serialize(_:topic:)-(AvroValue,_)``.
    public func serialize<T: Encodable>(_ value: T, topic: String) async throws(SchemaRegistryError) -> [UInt8] {
        let subject = try subject(forTopic: topic)
        let target = try await target(for: subject)
        var bytes: [UInt8] = []
        ConfluentWireFormat.appendHeader(schemaID: target.id, to: &bytes)
        do {
            if let conversion = target.conversion {
                let converted = try conversion.reader.decode(codableEncoder.encode(value))
                try conversion.encoder.encode(converted, into: &bytes)
            } else {
                try codableEncoder.encode(value, into: &bytes)
            }
        } catch {
            throw .avro(context: "encoding a \(T.self) for subject '\(subject)'", error: error)
        }
        return bytes
    }

    private func target(for subject: String) async throws(SchemaRegistryError) -> Target {
        if let known = targets.withLock({ $0[subject] }) { return known }
        let target: Target
        switch configuration.registration {
        case .autoRegister:
            let id = try await client.register(schemaText, subject: subject, normalize: configuration.normalizeSchemas)
            target = Target(id: try Self.wireID(id), conversion: nil)
        case .useLatestVersion:
            target = try await latestTarget(for: subject)
        default:
            let id = try await client.id(of: schemaText, subject: subject, normalize: configuration.normalizeSchemas)
            target = Target(id: try Self.wireID(id), conversion: nil)
        }
        targets.withLock { $0[subject] = target }
        return target
    }

    private func latestTarget(for subject: String) async throws(SchemaRegistryError) -> Target {
        let latest = try await client.version(.latest, subject: subject)
        let latestSchema = try await client.avroSchema(id: latest.id)
        let id = try Self.wireID(latest.id)
        // The same canonical form reads and writes the same bytes, so no conversion is needed.
        if latestSchema.canonicalForm == schema.canonicalForm {
            return Target(id: id, conversion: nil)
        }
        let breaks: [Incompatibility]
        do {
            breaks = try SchemaCompatibility.incompatibilities(reader: latestSchema, writer: schema)
        } catch {
            throw .avro(context: "comparing the serializer's schema with version \(latest.version) of '\(subject)'", error: error)
        }
        guard breaks.isEmpty else {
            throw .latestVersionIncompatible(subject: subject, version: latest.version, message: breaks.map(\.description).joined(separator: "; "))
        }
        do {
            let conversion = Conversion(
                reader: try AvroBinaryDecoder(writer: schema, reader: latestSchema), encoder: try AvroBinaryEncoder(schema: latestSchema))
            return Target(id: id, conversion: conversion)
        } catch {
            throw .avro(context: "resolving the serializer's schema to version \(latest.version) of '\(subject)'", error: error)
        }
    }

    private static func wireID(_ id: Int) throws(SchemaRegistryError) -> Int32 {
        guard let wire = Int32(exactly: id), wire >= 0 else {
            throw .unexpectedResponse(url: "", status: 200, message: "schema id \(id) does not fit the wire format's 32 bits")
        }
        return wire
    }
}

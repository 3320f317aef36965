public import Avro
import Synchronization

/// Decodes Kafka keys or values written in the Confluent wire format, fetching each writer schema from the registry
/// by the id in the message.
///
/// With a reader schema, every message is resolved into that schema whatever version wrote it: a consumer on v1
/// reads v2 data (new fields dropped) and a consumer on v2 reads v1 data (missing fields take their defaults).
/// Without one, values come back in the writer's own shape.
///
/// ```swift
/// let deserializer = AvroDeserializer(client: client, readerSchema: orderSchemaV2)
/// for try await message in consumer.messages {
///     let order = try await deserializer.deserialize(Order.self, from: message.value ?? [])
/// }
/// ```
///
/// Writer schemas and the decoders compiled for them are cached per schema id.
public final class AvroDeserializer: Sendable {
    /// The schema values are resolved into, or `nil` to read each value with its writer's schema.
    public let readerSchema: AvroSchema?
    /// Bounds applied to untrusted input.
    public let limits: DecodingLimits
    private let client: SchemaRegistryClient
    private let decoders = Mutex<[Int32: Decoders]>([:])

    private struct Decoders: Sendable {
        var value: AvroBinaryDecoder?
        var codable: AvroDecoder?
    }

    /// Creates a deserializer.
    ///
    /// - Parameters:
    ///   - client: The registry client; share one client so deserializers share its caches.
    ///   - readerSchema: The schema to resolve values into; `nil` reads them as written. Default: `nil`.
    ///   - limits: Bounds for untrusted input. Default: ``DecodingLimits`` defaults.
    public init(client: SchemaRegistryClient, readerSchema: AvroSchema? = nil, limits: DecodingLimits = DecodingLimits()) {
        self.client = client
        self.readerSchema = readerSchema
        self.limits = limits
    }

    /// Decodes a message into a generic value.
    ///
    /// - Parameter bytes: The message key or value, header included.
    /// - Returns: The value, in the reader schema's shape when there is one.
    /// - Throws: ``SchemaRegistryError/malformedMessage(message:)`` for bytes without the header,
    ///   ``SchemaRegistryError/schemaIDNotFound(id:)`` for an id the registry does not know,
    ///   ``SchemaRegistryError/avro(context:error:)`` when the payload is malformed or the reader schema cannot read
    ///   the writer's, or a transport error.
    public func deserialize(_ bytes: [UInt8]) async throws(SchemaRegistryError) -> AvroValue {
        let id = try ConfluentWireFormat.schemaID(of: bytes)
        let decoder = try await valueDecoder(for: id)
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(AvroError) -> AvroValue in
                try decoder.decode(UnsafeRawBufferPointer(rebasing: raw[ConfluentWireFormat.headerSize...]))
            }
        }
        do {
            return try result.get()
        } catch {
            throw .avro(context: "decoding a message written with schema id \(id) (payload offsets)", error: error)
        }
    }

    /// Decodes a message into a `Decodable` value; properties map to fields by coding key.
    ///
    /// - Parameters:
    ///   - type: The type to decode.
    ///   - bytes: The message key or value, header included.
    /// - Returns: The value.
    /// - Throws: As ``deserialize(_:)``, and ``SchemaRegistryError/avro(context:error:)`` when the value does not fit `T`.
    public func deserialize<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) async throws(SchemaRegistryError) -> T {
        let id = try ConfluentWireFormat.schemaID(of: bytes)
        let decoder = try await codableDecoder(for: id)
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(AvroError) -> T in
                let payload = UnsafeRawBufferPointer(rebasing: raw[ConfluentWireFormat.headerSize...])
                var offset = 0
                let value = try decoder.decode(type, from: payload, offset: &offset)
                guard offset == payload.count else {
                    throw AvroError.trailingBytes(offset: offset, remaining: payload.count - offset)
                }
                return value
            }
        }
        do {
            return try result.get()
        } catch {
            throw .avro(context: "decoding a \(T.self) written with schema id \(id) (payload offsets)", error: error)
        }
    }

    private func valueDecoder(for id: Int32) async throws(SchemaRegistryError) -> AvroBinaryDecoder {
        if let decoder = decoders.withLock({ $0[id]?.value }) { return decoder }
        let writer = try await client.avroSchema(id: Int(id))
        let decoder: AvroBinaryDecoder
        do {
            if let readerSchema {
                decoder = try AvroBinaryDecoder(writer: writer, reader: readerSchema, limits: limits)
            } else {
                decoder = try AvroBinaryDecoder(schema: writer, limits: limits)
            }
        } catch {
            throw .avro(context: "reading schema id \(id) with the deserializer's reader schema", error: error)
        }
        decoders.withLock { $0[id, default: Decoders()].value = decoder }
        return decoder
    }

    private func codableDecoder(for id: Int32) async throws(SchemaRegistryError) -> AvroDecoder {
        if let decoder = decoders.withLock({ $0[id]?.codable }) { return decoder }
        let writer = try await client.avroSchema(id: Int(id))
        let decoder: AvroDecoder
        do {
            if let readerSchema {
                decoder = try AvroDecoder(writer: writer, reader: readerSchema, limits: limits)
            } else {
                decoder = try AvroDecoder(schema: writer, limits: limits)
            }
        } catch {
            throw .avro(context: "reading schema id \(id) with the deserializer's reader schema", error: error)
        }
        decoders.withLock { $0[id, default: Decoders()].codable = decoder }
        return decoder
    }
}

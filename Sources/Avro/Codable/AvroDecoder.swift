public import Foundation

/// Decodes Avro binary data into `Decodable` Swift values, with the schema the data was written with or, through
/// schema resolution, a different reader schema.
///
/// Record fields are matched to properties by coding key. Optional properties read `null` (or a missing field) as
/// `nil`. `Date` reads timestamps and dates, `UUID` reads `uuid` strings, `Decimal` and ``AvroDecimal`` read
/// decimals, `Data` and `[UInt8]` read `bytes` and `fixed`, and `String` also reads enum symbols.
///
/// ```swift
/// let decoder = try AvroDecoder(writer: v1, reader: v2)
/// let user = try decoder.decode(User.self, from: bytes)
/// ```
public struct AvroDecoder: Sendable {
    private let binary: AvroBinaryDecoder

    /// Compiles a decoder for data written with `schema`.
    ///
    /// - Parameters:
    ///   - schema: The schema the data was written with.
    ///   - limits: Bounds for untrusted input.
    /// - Throws: `AvroError.invalidSchema` when the schema refers to a named type it does not define.
    public init(schema: AvroSchema, limits: DecodingLimits = DecodingLimits()) throws(AvroError) {
        binary = try AvroBinaryDecoder(schema: schema, limits: limits)
    }

    /// Compiles a decoder that reads data written with `writer` as values of `reader`.
    ///
    /// - Parameters:
    ///   - writer: The schema the data was written with.
    ///   - reader: The schema the Swift type follows.
    ///   - limits: Bounds for untrusted input.
    /// - Throws: `AvroError.unresolvable` with the path in the reader schema when no data could be read this way.
    public init(writer: AvroSchema, reader: AvroSchema, limits: DecodingLimits = DecodingLimits()) throws(AvroError) {
        binary = try AvroBinaryDecoder(writer: writer, reader: reader, limits: limits)
    }

    /// Decodes one value of type `T` that fills `bytes`.
    ///
    /// - Parameters:
    ///   - type: The type to decode.
    ///   - bytes: The Avro binary encoding of one value.
    /// - Throws: Binary decoding errors, or `AvroError.codable` naming the coding path that does not fit `T`.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws(AvroError) -> T {
        try decode(type, from: binary.decode(bytes))
    }

    /// Decodes one value of type `T` that fills `data`.
    ///
    /// - Parameters:
    ///   - type: The type to decode.
    ///   - data: The Avro binary encoding of one value.
    /// - Throws: Binary decoding errors, or `AvroError.codable` naming the coding path that does not fit `T`.
    public func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(AvroError) -> T {
        try decode(type, from: binary.decode(data))
    }

    /// Decodes one value of type `T` starting at `offset`, and moves `offset` past it.
    ///
    /// - Parameters:
    ///   - type: The type to decode.
    ///   - bytes: The input.
    ///   - offset: Where the value starts; on return, where it ended.
    /// - Throws: Binary decoding errors, or `AvroError.codable` naming the coding path that does not fit `T`.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer, offset: inout Int) throws(AvroError) -> T {
        try decode(type, from: binary.decode(bytes, offset: &offset))
    }

    /// Decodes a value of type `T` from an already decoded ``AvroValue``.
    ///
    /// - Parameters:
    ///   - type: The type to decode.
    ///   - value: The generic value.
    /// - Throws: `AvroError.codable` naming the coding path that does not fit `T`.
    public func decode<T: Decodable>(_ type: T.Type, from value: AvroValue) throws(AvroError) -> T {
        try ValueDecoder.decode(type, from: value, parentPath: [], key: nil)
    }
}

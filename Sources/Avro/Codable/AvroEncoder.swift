/// Encodes `Encodable` Swift values in Avro binary form against a schema.
///
/// Properties are matched to record fields by their coding keys, in any order. Swift types map to Avro types as
/// the schema asks: integers to `int` or `long` (range-checked) or to the integer logical types, `String` to
/// `string`, an enum symbol or a `uuid`, `Optional` to a union with `null`, arrays to `array`, `[String: T]` to
/// `map`, `Data` and `[UInt8]` to `bytes` or `fixed`, `Date` to `timestamp-millis`/`-micros` or `date`, `UUID` to
/// `uuid`, and `Decimal` to `decimal`. A field the value leaves out takes the schema's default, or `null` when its
/// type allows it.
///
/// ```swift
/// struct User: Codable { var id: Int64; var email: String? }
/// let encoder = try AvroEncoder(schema: schema)
/// let bytes = try encoder.encode(User(id: 1, email: nil))
/// ```
public struct AvroEncoder: Sendable {
    private let context: CodableContext
    private let schema: AvroSchema
    private let binary: AvroBinaryEncoder

    /// Compiles `schema` for encoding.
    ///
    /// - Parameter schema: The schema values are written with.
    /// - Throws: `AvroError.invalidSchema` when the schema refers to a named type it does not define.
    public init(schema: AvroSchema) throws(AvroError) {
        self.schema = schema
        self.context = CodableContext(table: SchemaTable(schema))
        self.binary = try AvroBinaryEncoder(schema: schema)
    }

    /// Encodes `value` into a new buffer.
    ///
    /// - Parameter value: The value to encode.
    /// - Returns: The Avro binary encoding.
    /// - Throws: `AvroError.codable` naming the Swift coding path that does not fit the schema.
    public func encode<T: Encodable>(_ value: T) throws(AvroError) -> [UInt8] {
        try binary.encode(avroValue(of: value))
    }

    /// Encodes `value`, appending to `buffer`. On failure the buffer is left as it was.
    ///
    /// - Parameters:
    ///   - value: The value to encode.
    ///   - buffer: The buffer to append to.
    /// - Throws: `AvroError.codable` naming the Swift coding path that does not fit the schema.
    public func encode<T: Encodable>(_ value: T, into buffer: inout [UInt8]) throws(AvroError) {
        try binary.encode(avroValue(of: value), into: &buffer)
    }

    /// Converts `value` to the generic ``AvroValue`` the schema describes, without encoding it.
    ///
    /// - Parameter value: The value to convert.
    /// - Throws: `AvroError.codable` naming the Swift coding path that does not fit the schema.
    public func avroValue<T: Encodable>(of value: T) throws(AvroError) -> AvroValue {
        let root = ValueEncoder(context: context, schema: schema, parentPath: [], key: nil, type: T.self)
        return try root.encodeValue(value, schema: schema, parentPath: [], key: nil)
    }
}

/// Encodes `Encodable` Swift values in Avro binary form against a schema.
///
/// Properties are matched to record fields by their coding keys, in any order. Swift types map to Avro types as
/// the schema asks: integers to `int` or `long` (range-checked) or to the integer logical types, `String` to
/// `string`, an enum symbol or a `uuid`, `Optional` to a union with `null`, arrays to `array`, `[String: T]` to
/// `map`, `Data` and `[UInt8]` to `bytes` or `fixed`, `Date` to `timestamp-millis`/`-micros` or `date`, `UUID` to
/// `uuid`, and `Decimal` or ``AvroDecimal`` to `decimal`. A field the value leaves out takes the schema's default,
/// or `null` when its type allows it.
///
/// Values are written straight into the output buffer as the compiled schema describes, without an intermediate
/// ``AvroValue``.
///
/// ```swift
/// struct User: Codable { var id: Int64; var email: String? }
/// let encoder = try AvroEncoder(schema: schema)
/// let bytes = try encoder.encode(User(id: 1, email: nil))
/// ```
public struct AvroEncoder: Sendable {
    private let program: Program
    private let decoder: AvroBinaryDecoder
    /// The deepest nesting of records encoded; deeper values fail with `AvroError.nestingTooDeep`.
    public let maxDepth: Int

    /// Compiles `schema` for encoding.
    ///
    /// - Parameters:
    ///   - schema: The schema values are written with.
    ///   - maxDepth: The deepest record nesting encoded. Default: 200, as for decoding.
    /// - Throws: `AvroError.invalidSchema` when the schema refers to a named type it does not define.
    public init(schema: AvroSchema, maxDepth: Int = DecodingLimits().maxDepth) throws(AvroError) {
        program = try ProgramBuilder.compile(schema)
        decoder = AvroBinaryDecoder(program: program, limits: DecodingLimits(maxDepth: maxDepth))
        self.maxDepth = maxDepth
    }

    /// Encodes `value` into a new buffer.
    ///
    /// - Parameter value: The value to encode.
    /// - Returns: The Avro binary encoding.
    /// - Throws: `AvroError.codable` naming the Swift coding path that does not fit the schema.
    public func encode<T: Encodable>(_ value: T) throws(AvroError) -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(64)
        try encode(value, into: &buffer)
        return buffer
    }

    /// Encodes `value`, appending to `buffer`. On failure the buffer is left as it was.
    ///
    /// - Parameters:
    ///   - value: The value to encode.
    ///   - buffer: The buffer to append to.
    /// - Throws: `AvroError.codable` naming the Swift coding path that does not fit the schema.
    public func encode<T: Encodable>(_ value: T, into buffer: inout [UInt8]) throws(AvroError) {
        let mark = buffer.count
        let output = EncodingOutput(program: program, bytes: [], maxDepth: maxDepth)
        swap(&output.writer.bytes, &buffer)
        defer { swap(&output.writer.bytes, &buffer) }
        let root = StreamEncoder(output: output, node: program.root, parentPath: [], key: nil, type: T.self, depth: 0)
        do {
            try root.encodeValue(value, node: program.root, parentPath: [], key: nil)
        } catch {
            output.writer.bytes.removeSubrange(mark...)
            throw error
        }
    }

    /// Converts `value` to the generic ``AvroValue`` the schema describes.
    ///
    /// - Parameter value: The value to convert.
    /// - Throws: `AvroError.codable` naming the Swift coding path that does not fit the schema.
    public func avroValue<T: Encodable>(of value: T) throws(AvroError) -> AvroValue {
        try decoder.decode(encode(value))
    }
}

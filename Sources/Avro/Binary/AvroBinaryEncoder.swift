/// Encodes ``AvroValue``s in Avro binary form against one schema.
///
/// The schema is compiled once, when the encoder is made; keep the encoder and reuse it for every value.
/// Encoding appends to a byte buffer, so reusing one buffer (``encode(_:into:)``) avoids an allocation per value.
///
/// ```swift
/// let encoder = try AvroBinaryEncoder(schema: schema)
/// let bytes = try encoder.encode(.record(["id": .long(1), "email": .string("a@example.com")]))
/// ```
public struct AvroBinaryEncoder: Sendable {
    let program: Program
    /// The deepest nesting of records encoded; a deeper value fails with `AvroError.nestingTooDeep` instead of
    /// exhausting the stack.
    public let maxDepth: Int

    /// Compiles `schema` for encoding.
    ///
    /// - Parameters:
    ///   - schema: The schema values are written with.
    ///   - maxDepth: The deepest record nesting encoded. Default: 200, as for decoding.
    /// - Throws: `AvroError.invalidSchema` when the schema refers to a named type it does not define.
    public init(schema: AvroSchema, maxDepth: Int = DecodingLimits().maxDepth) throws(AvroError) {
        program = try ProgramBuilder.compile(schema)
        self.maxDepth = maxDepth
    }

    /// Encodes one value into a new buffer.
    ///
    /// - Parameter value: The value; its shape must match the schema.
    /// - Returns: The Avro binary encoding.
    /// - Throws: `AvroError.valueMismatch` naming the schema path where the value does not fit.
    public func encode(_ value: AvroValue) throws(AvroError) -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(64)
        try encode(value, into: &buffer)
        return buffer
    }

    /// Encodes one value, appending it to `buffer`. On failure the buffer is left as it was.
    ///
    /// - Parameters:
    ///   - value: The value; its shape must match the schema.
    ///   - buffer: The buffer to append to; clear it with `removeAll(keepingCapacity: true)` to reuse it.
    /// - Throws: `AvroError.valueMismatch` naming the schema path where the value does not fit.
    public func encode(_ value: AvroValue, into buffer: inout [UInt8]) throws(AvroError) {
        let mark = buffer.count
        var writer = BinaryWriter(bytes: [])
        swap(&writer.bytes, &buffer)
        defer { swap(&writer.bytes, &buffer) }
        do {
            try program.encode(value, node: program.root, into: &writer, depth: 0, maxDepth: maxDepth)
        } catch {
            writer.bytes.removeSubrange(mark...)
            throw error
        }
    }
}

public import Foundation

/// Decodes Avro binary data into ``AvroValue``s, either with the schema it was written with or, through schema
/// resolution, into the shape of a different reader schema.
///
/// The schemas are compiled once, when the decoder is made; keep the decoder and reuse it. Decoding never trusts a
/// length or count from the input beyond what the remaining bytes can hold, and bounds recursion by
/// ``DecodingLimits``.
public struct AvroBinaryDecoder: Sendable {
    let program: Program
    /// The limits applied to every decode.
    public let limits: DecodingLimits

    /// Compiles a decoder for data written with `schema`.
    ///
    /// - Parameters:
    ///   - schema: The schema the data was written with.
    ///   - limits: Bounds for untrusted input.
    /// - Throws: `AvroError.invalidSchema` when the schema refers to a named type it does not define.
    public init(schema: AvroSchema, limits: DecodingLimits = DecodingLimits()) throws(AvroError) {
        program = try ProgramBuilder.compile(schema)
        self.limits = limits
    }

    /// A decoder for an already compiled program.
    init(program: Program, limits: DecodingLimits) {
        self.program = program
        self.limits = limits
    }

    /// Compiles a decoder that reads data written with `writer` as values of `reader`, applying the specification's
    /// resolution rules: numeric promotions, `string`/`bytes` interchange, fields matched by name or alias,
    /// reader defaults for missing fields, enum defaults for unknown symbols, and unions on either side.
    ///
    /// - Parameters:
    ///   - writer: The schema the data was written with.
    ///   - reader: The schema the values should have.
    ///   - limits: Bounds for untrusted input.
    /// - Throws: `AvroError.unresolvable` with the path in the reader schema when no data could be read this way.
    public init(writer: AvroSchema, reader: AvroSchema, limits: DecodingLimits = DecodingLimits()) throws(AvroError) {
        program = try ProgramBuilder.compile(writer: writer, reader: reader)
        self.limits = limits
    }

    /// Decodes exactly one value that fills `bytes`.
    ///
    /// - Parameter bytes: The Avro binary encoding of one value.
    /// - Throws: `AvroError.truncatedInput`, `.malformedInput`, `.trailingBytes`, `.nestingTooDeep`, or
    ///   `.unresolvable` for writer data the reader cannot take.
    public func decode(_ bytes: UnsafeRawBufferPointer) throws(AvroError) -> AvroValue {
        var offset = 0
        let value = try decode(bytes, offset: &offset)
        guard offset == bytes.count else {
            throw AvroError.trailingBytes(offset: offset, remaining: bytes.count - offset)
        }
        return value
    }

    /// Decodes exactly one value that fills `bytes`.
    ///
    /// - Parameter bytes: The Avro binary encoding of one value.
    /// - Throws: See ``decode(_:)-(UnsafeRawBufferPointer)``.
    public func decode(_ bytes: [UInt8]) throws(AvroError) -> AvroValue {
        let result: Result<AvroValue, AvroError> = bytes.withUnsafeBytes { raw in
            Result { () throws(AvroError) -> AvroValue in try decode(raw) }
        }
        return try result.get()
    }

    /// Decodes exactly one value that fills `data`.
    ///
    /// - Parameter data: The Avro binary encoding of one value.
    /// - Throws: See ``decode(_:)-(UnsafeRawBufferPointer)``.
    public func decode(_ data: Data) throws(AvroError) -> AvroValue {
        let result: Result<AvroValue, AvroError> = data.withUnsafeBytes { raw in
            Result { () throws(AvroError) -> AvroValue in try decode(raw) }
        }
        return try result.get()
    }

    /// Decodes one value starting at `offset` and moves `offset` past it, for input holding several values
    /// back to back.
    ///
    /// - Parameters:
    ///   - bytes: The input.
    ///   - offset: Where the value starts; on return, where it ended.
    /// - Throws: See ``decode(_:)-(UnsafeRawBufferPointer)``; `.trailingBytes` is never thrown here.
    public func decode(_ bytes: UnsafeRawBufferPointer, offset: inout Int) throws(AvroError) -> AvroValue {
        precondition(offset >= 0 && offset <= bytes.count, "offset \(offset) is outside the \(bytes.count)-byte input")
        var reader = BinaryReader(bytes, offset: offset)
        let value = try program.decode(node: program.root, from: &reader, limits: limits, depth: 0)
        offset = reader.offset
        return value
    }
}

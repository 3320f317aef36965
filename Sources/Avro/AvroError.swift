/// Every failure the `Avro` module reports: invalid schema JSON, schemas that break the specification,
/// values that do not fit their schema, malformed binary input, and reader/writer schemas that cannot be
/// resolved.
///
/// Each message says where the problem is (a JSON line and column, a path inside the schema such as
/// `/fields/2/type`, or a byte offset in the binary input) and what to do about it.
public enum AvroError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The schema text is not valid JSON.
    ///
    /// - Parameters:
    ///   - message: What the parser expected.
    ///   - line: 1-based line of the offending character.
    ///   - column: 1-based column (in Unicode scalars) of the offending character.
    case invalidJSON(message: String, line: Int, column: Int)

    /// The JSON is well formed but does not describe a valid Avro schema.
    ///
    /// - Parameters:
    ///   - path: JSON path of the offending value, for example `/fields/1/type`.
    ///   - message: What is wrong and how to fix it.
    case invalidSchema(path: String, message: String)

    /// A value handed to an encoder does not match the schema at `path`.
    ///
    /// - Parameters:
    ///   - path: Path in the schema, for example `/fields/3/type/items`.
    ///   - message: What was expected and what was found.
    case valueMismatch(path: String, message: String)

    /// The binary input ended before a value was complete.
    ///
    /// - Parameters:
    ///   - offset: Byte offset at which more input was needed.
    ///   - needed: Number of bytes the value needed from that offset.
    ///   - available: Number of bytes that were left.
    case truncatedInput(offset: Int, needed: Int, available: Int)

    /// The binary input is malformed: an overlong varint, a negative length or block count, an index
    /// outside a union or enum, invalid UTF-8, or a length that the remaining input cannot hold.
    ///
    /// - Parameters:
    ///   - offset: Byte offset of the malformed item.
    ///   - message: What is wrong with it.
    case malformedInput(offset: Int, message: String)

    /// Decoding consumed a whole value but input bytes were left over.
    ///
    /// - Parameters:
    ///   - offset: Offset just after the decoded value.
    ///   - remaining: Number of bytes left unread.
    case trailingBytes(offset: Int, remaining: Int)

    /// Data nests deeper than the configured limit, which guards the stack against recursive schemas.
    ///
    /// - Parameter limit: The nesting limit that was reached.
    case nestingTooDeep(limit: Int)

    /// The reader schema cannot read data written with the writer schema.
    ///
    /// - Parameters:
    ///   - path: Path in the reader schema where resolution failed.
    ///   - message: The incompatibility, naming the types involved.
    case unresolvable(path: String, message: String)

    /// A `Codable` value could not be encoded or decoded against the schema.
    ///
    /// - Parameters:
    ///   - codingPath: The Swift coding path, as dotted keys and indices.
    ///   - message: What went wrong.
    case codable(codingPath: String, message: String)

    /// A human-readable explanation that names the location and suggests a fix.
    public var description: String {
        switch self {
        case let .invalidJSON(message, line, column):
            return "\(line):\(column): invalid JSON: \(message)"
        case let .invalidSchema(path, message):
            return "\(path.isEmpty ? "/" : path): invalid schema: \(message)"
        case let .valueMismatch(path, message):
            return "\(path.isEmpty ? "/" : path): value does not match the schema: \(message)"
        case let .truncatedInput(offset, needed, available):
            return "byte \(offset): input ends early: \(needed) byte(s) needed, \(available) left; "
                + "check that the data was written with this schema and was not cut short"
        case let .malformedInput(offset, message):
            return "byte \(offset): malformed Avro binary: \(message)"
        case let .trailingBytes(offset, remaining):
            return "byte \(offset): \(remaining) byte(s) left after the value; "
                + "the data was probably written with a different schema"
        case let .nestingTooDeep(limit):
            return "data nests deeper than \(limit) levels; raise DecodingLimits.maxDepth if this is intended"
        case let .unresolvable(path, message):
            return "\(path.isEmpty ? "/" : path): cannot resolve reader and writer schemas: \(message)"
        case let .codable(codingPath, message):
            return "\(codingPath.isEmpty ? "<root>" : codingPath): \(message)"
        }
    }
}

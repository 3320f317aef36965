/// An Avro schema: a primitive type, a logical type over a primitive, a named type (record, enum, fixed),
/// an array, a map, a union, or a reference to a named type defined earlier in the same schema.
///
/// Parse one from JSON with ``init(parsing:options:)``; print it back with ``canonicalForm`` (the Parsing
/// Canonical Form of the specification) or ``jsonString``. Named types are defined once, at their first
/// occurrence; later occurrences (and recursive uses) are ``reference(_:)`` by full name, exactly as in the
/// JSON text.
public indirect enum AvroSchema: Sendable, Hashable {
    /// The `null` type: no value, zero bytes.
    case null
    /// The `boolean` type: one byte, 0 or 1.
    case boolean
    /// The `int` type: a 32-bit signed integer, zig-zag varint encoded.
    case int
    /// The `long` type: a 64-bit signed integer, zig-zag varint encoded.
    case long
    /// The `float` type: IEEE 754 single precision, 4 bytes little-endian.
    case float
    /// The `double` type: IEEE 754 double precision, 8 bytes little-endian.
    case double
    /// The `bytes` type: a length-prefixed byte sequence.
    case bytes
    /// The `string` type: a length-prefixed UTF-8 string.
    case string
    /// A logical type over a primitive (for example `timestamp-millis` over `long`).
    case logical(LogicalType)
    /// A named fixed-size byte sequence, optionally a `decimal`.
    case fixed(Fixed)
    /// A named enumeration of symbols.
    case enumeration(Enumeration)
    /// A named record of fields.
    case record(Record)
    /// An array whose items all have the given schema.
    case array(AvroSchema)
    /// A map from string keys to values of the given schema.
    case map(AvroSchema)
    /// A union of branches; a value is one of them, written with its branch index.
    case union([AvroSchema])
    /// A use of the named type with this full name, defined earlier in the schema (or by itself, for recursion).
    case reference(String)
}

extension AvroSchema {
    /// The Avro type name of this schema: `"int"`, `"record"`, `"union"`, and so on. Logical types report
    /// their underlying type; references report the name they refer to.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .boolean: return "boolean"
        case .int: return "int"
        case .long: return "long"
        case .float: return "float"
        case .double: return "double"
        case .bytes: return "bytes"
        case .string: return "string"
        case let .logical(logical): return logical.underlying.typeName
        case .fixed: return "fixed"
        case .enumeration: return "enum"
        case .record: return "record"
        case .array: return "array"
        case .map: return "map"
        case .union: return "union"
        case let .reference(name): return name
        }
    }

    /// The full name of a named type (record, enum, fixed) or of a reference; `nil` for other schemas.
    public var fullName: String? {
        switch self {
        case let .fixed(fixed): return fixed.name
        case let .enumeration(enumeration): return enumeration.name
        case let .record(record): return record.name
        case let .reference(name): return name
        default: return nil
        }
    }

    /// A short description for messages: the type name, with the logical type or the full name where there is one
    /// (`"long (timestamp-millis)"`, `"record com.example.User"`).
    var summary: String {
        switch self {
        case let .logical(logical): return "\(logical.underlying.typeName) (\(logical.name))"
        case let .fixed(fixed): return "fixed \(fixed.name)"
        case let .enumeration(enumeration): return "enum \(enumeration.name)"
        case let .record(record): return "record \(record.name)"
        case let .reference(name): return name
        case let .array(items): return "array of \(items.summary)"
        case let .map(values): return "map of \(values.summary)"
        case let .union(branches): return "union [" + branches.map(\.summary).joined(separator: ", ") + "]"
        default: return typeName
        }
    }

    /// Every named type defined in this schema, keyed by full name.
    public var namedTypes: [String: AvroSchema] {
        SchemaTable(self).definitions
    }
}

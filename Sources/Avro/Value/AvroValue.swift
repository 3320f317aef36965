public import Foundation

/// A value of any Avro schema, as the generic encoder takes it and the generic decoder returns it.
///
/// Unions are transparent: a value of a union is simply the value of its branch, and the encoder picks the
/// branch that fits it (`.null` goes to the `null` branch, `.string` to the `string` branch, a record to the
/// record whose fields it has). Logical types have their own cases, which carry the underlying number so no
/// precision is lost; ``AvroBinaryDecoder`` returns them for schemas that declare the logical type, and the
/// encoder also accepts the plain underlying case (`.long` for a `timestamp-millis` field).
public enum AvroValue: Sendable, Hashable {
    /// The value of the `null` type.
    case null
    /// A `boolean`.
    case boolean(Bool)
    /// An `int`.
    case int(Int32)
    /// A `long`.
    case long(Int64)
    /// A `float`.
    case float(Float)
    /// A `double`.
    case double(Double)
    /// A `bytes` value.
    case bytes([UInt8])
    /// A `string`.
    case string(String)
    /// A `fixed` value; its length must equal the schema's size.
    case fixed([UInt8])
    /// An `enum` value, by symbol.
    case enumSymbol(String)
    /// An `array`.
    case array([AvroValue])
    /// A `map`.
    case map([String: AvroValue])
    /// A `record`, its fields by name in schema order.
    case record(AvroRecord)
    /// A `date`: days since 1970-01-01.
    case date(Int32)
    /// A `time-millis`: milliseconds after midnight.
    case timeMillis(Int32)
    /// A `time-micros`: microseconds after midnight.
    case timeMicros(Int64)
    /// A `timestamp-millis`: milliseconds since the Unix epoch, UTC.
    case timestampMillis(Int64)
    /// A `timestamp-micros`: microseconds since the Unix epoch, UTC.
    case timestampMicros(Int64)
    /// A `local-timestamp-millis`: milliseconds since 1970-01-01T00:00 local time.
    case localTimestampMillis(Int64)
    /// A `local-timestamp-micros`: microseconds since 1970-01-01T00:00 local time.
    case localTimestampMicros(Int64)
    /// A `decimal`, over `bytes` or `fixed`.
    case decimal(AvroDecimal)
    /// A `uuid`.
    case uuid(UUID)
}

extension AvroValue {
    /// The name of this value's kind, for messages (`"long"`, `"record"`, `"timestamp-millis"`).
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .boolean: return "boolean"
        case .int: return "int"
        case .long: return "long"
        case .float: return "float"
        case .double: return "double"
        case .bytes: return "bytes"
        case .string: return "string"
        case .fixed: return "fixed"
        case .enumSymbol: return "enum symbol"
        case .array: return "array"
        case .map: return "map"
        case .record: return "record"
        case .date: return "date"
        case .timeMillis: return "time-millis"
        case .timeMicros: return "time-micros"
        case .timestampMillis: return "timestamp-millis"
        case .timestampMicros: return "timestamp-micros"
        case .localTimestampMillis: return "local-timestamp-millis"
        case .localTimestampMicros: return "local-timestamp-micros"
        case .decimal: return "decimal"
        case .uuid: return "uuid"
        }
    }

    /// The field named `name` when this value is a record; `nil` otherwise.
    public subscript(field name: String) -> AvroValue? {
        guard case let .record(record) = self else { return nil }
        return record[name]
    }
}

import Foundation

extension AvroValue {
    /// Tags a plain underlying value with its logical type: `.long(5)` under `timestamp-millis` becomes
    /// `.timestampMillis(5)`. Returns `nil` when the value is not the logical type's underlying kind, or for a
    /// `uuid` string that is not a UUID (such a string stays a plain string).
    static func logical(_ logical: AvroSchema.LogicalType, from base: AvroValue) -> AvroValue? {
        switch (logical, base) {
        case let (.date, .int(days)): return .date(days)
        case let (.timeMillis, .int(millis)): return .timeMillis(millis)
        case let (.timeMicros, .long(micros)): return .timeMicros(micros)
        case let (.timestampMillis, .long(millis)): return .timestampMillis(millis)
        case let (.timestampMicros, .long(micros)): return .timestampMicros(micros)
        case let (.localTimestampMillis, .long(millis)): return .localTimestampMillis(millis)
        case let (.localTimestampMicros, .long(micros)): return .localTimestampMicros(micros)
        case let (.uuid, .string(text)): return UUID(uuidString: text).map(AvroValue.uuid)
        case let (.decimal(decimal), .bytes(bytes)): return .decimal(AvroDecimal(unscaled: bytes, scale: decimal.scale))
        default: return nil
        }
    }
}

extension AvroSchema {
    /// A logical type over a primitive type, as listed in the Avro specification.
    ///
    /// The fixed-based `decimal` is described by ``Fixed/decimal`` instead, since it belongs to a named type.
    public enum LogicalType: Sendable, Hashable {
        /// `date` over `int`: days since 1970-01-01.
        case date
        /// `time-millis` over `int`: milliseconds after midnight.
        case timeMillis
        /// `time-micros` over `long`: microseconds after midnight.
        case timeMicros
        /// `timestamp-millis` over `long`: milliseconds since the Unix epoch, UTC.
        case timestampMillis
        /// `timestamp-micros` over `long`: microseconds since the Unix epoch, UTC.
        case timestampMicros
        /// `local-timestamp-millis` over `long`: milliseconds since 1970-01-01T00:00 in an unspecified time zone.
        case localTimestampMillis
        /// `local-timestamp-micros` over `long`: microseconds since 1970-01-01T00:00 in an unspecified time zone.
        case localTimestampMicros
        /// `uuid` over `string`: an RFC 4122 UUID in its text form.
        case uuid
        /// `decimal` over `bytes`: an arbitrary-precision decimal stored as a two's-complement big-endian
        /// unscaled integer.
        case decimal(Decimal)

        /// The name used in the `logicalType` attribute.
        public var name: String {
            switch self {
            case .date: return "date"
            case .timeMillis: return "time-millis"
            case .timeMicros: return "time-micros"
            case .timestampMillis: return "timestamp-millis"
            case .timestampMicros: return "timestamp-micros"
            case .localTimestampMillis: return "local-timestamp-millis"
            case .localTimestampMicros: return "local-timestamp-micros"
            case .uuid: return "uuid"
            case .decimal: return "decimal"
            }
        }

        /// The primitive type that carries the value.
        public var underlying: AvroSchema {
            switch self {
            case .date, .timeMillis: return .int
            case .timeMicros, .timestampMillis, .timestampMicros, .localTimestampMillis, .localTimestampMicros: return .long
            case .uuid: return .string
            case .decimal: return .bytes
            }
        }
    }

    /// The attributes of a `decimal` logical type.
    public struct Decimal: Sendable, Hashable {
        /// The maximum number of significant decimal digits, at least 1.
        public var precision: Int
        /// The number of digits after the decimal point, from 0 to ``precision``.
        public var scale: Int

        /// Creates decimal attributes; validity is checked when a schema using them is parsed or compiled.
        ///
        /// - Parameters:
        ///   - precision: The maximum number of significant decimal digits.
        ///   - scale: The number of digits after the decimal point.
        public init(precision: Int, scale: Int = 0) {
            self.precision = precision
            self.scale = scale
        }

        /// The largest precision a two's-complement number of `size` bytes can always hold:
        /// floor(log10(2^(8·size−1) − 1)).
        static func maxPrecision(forFixedSize size: Int) -> Int {
            guard size > 0 else { return 0 }
            // log10(2) * (8·size − 1), floored; the −1 inside the logarithm never changes the floor
            // because a power of two is never a power of ten.
            return Int((Double(8 * size - 1) * 0.30102999566398119521).rounded(.down))
        }

        /// The problem with these attributes, or `nil` when they are valid for a value of `fixedSize` bytes
        /// (or for `bytes` when `fixedSize` is `nil`).
        func problem(fixedSize: Int?) -> String? {
            if precision < 1 {
                return "decimal precision must be a positive integer, not \(precision)"
            }
            if scale < 0 || scale > precision {
                return "decimal scale must be between 0 and the precision \(precision), not \(scale)"
            }
            if let size = fixedSize, precision > Decimal.maxPrecision(forFixedSize: size) {
                return "decimal precision \(precision) does not fit in fixed size \(size); "
                    + "the most it can hold is \(Decimal.maxPrecision(forFixedSize: size))"
            }
            return nil
        }
    }
}

extension AvroValue {
    /// The number of distinct `AvroValue` cases, the width of a union's dispatch table.
    static let kindCount = 22

    /// Kind indices shared by `kindIndex` and the union dispatch tables.
    enum Kind {
        static let null = 0, boolean = 1, int = 2, long = 3, float = 4, double = 5, bytes = 6, string = 7
        static let fixed = 8, enumSymbol = 9, array = 10, map = 11, record = 12
        static let date = 13, timeMillis = 14, timeMicros = 15, timestampMillis = 16, timestampMicros = 17
        static let localTimestampMillis = 18, localTimestampMicros = 19, decimal = 20, uuid = 21
    }

    /// The position of this value's case, from 0 to `kindCount - 1`.
    @inline(__always)
    var kindIndex: Int {
        switch self {
        case .null: return Kind.null
        case .boolean: return Kind.boolean
        case .int: return Kind.int
        case .long: return Kind.long
        case .float: return Kind.float
        case .double: return Kind.double
        case .bytes: return Kind.bytes
        case .string: return Kind.string
        case .fixed: return Kind.fixed
        case .enumSymbol: return Kind.enumSymbol
        case .array: return Kind.array
        case .map: return Kind.map
        case .record: return Kind.record
        case .date: return Kind.date
        case .timeMillis: return Kind.timeMillis
        case .timeMicros: return Kind.timeMicros
        case .timestampMillis: return Kind.timestampMillis
        case .timestampMicros: return Kind.timestampMicros
        case .localTimestampMillis: return Kind.localTimestampMillis
        case .localTimestampMicros: return Kind.localTimestampMicros
        case .decimal: return Kind.decimal
        case .uuid: return Kind.uuid
        }
    }
}

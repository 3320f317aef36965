/// A parsed JSON document, keeping object members in source order so that error paths such as
/// `/fields/2` and the canonical form follow the author's layout.
enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// An integer literal (no fraction, no exponent) that fits in 64 bits.
    case integer(Int64)
    /// Any other number literal.
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// A short name of the JSON kind, for error messages.
    var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .integer, .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// The numeric value of an integer or number literal.
    var doubleValue: Double? {
        switch self {
        case let .integer(value): return Double(value)
        case let .number(value): return value
        default: return nil
        }
    }
}

/// A JSON object whose members keep their source order.
struct JSONObject: Sendable, Equatable {
    /// One `"key": value` pair.
    struct Member: Sendable, Equatable {
        var key: String
        var value: JSONValue
    }

    var members: [Member] = []

    /// The value of the first member named `key`; the parser rejects duplicate keys.
    subscript(key: String) -> JSONValue? {
        for member in members where member.key == key {
            return member.value
        }
        return nil
    }
}

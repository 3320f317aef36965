/// A value handed to a template: text, a whole number, a flag, a list, or a record of named values.
///
/// Templates see only these, built from the typed spec; raw YAML never reaches them.
public enum TemplateValue: Sendable, Hashable, CustomStringConvertible {
    /// Text.
    case string(String)
    /// A whole number.
    case int(Int)
    /// A flag; in a section it renders its content when `true`.
    case bool(Bool)
    /// A list; a section renders its content once per item.
    case list([TemplateValue])
    /// Named values; a section renders its content with them in scope.
    case object([String: TemplateValue])

    /// The value as Mustache renders it.
    var mustacheValue: Any {
        switch self {
        case .string(let value): return value
        case .int(let value): return value
        case .bool(let value): return value
        case .list(let items): return items.map(\.mustacheValue)
        case .object(let fields): return fields.mapValues(\.mustacheValue)
        }
    }

    /// The value as a condition sees it: `false`, `0`, an empty text or an empty list is false.
    var isTruthy: Bool {
        switch self {
        case .string(let value): return !value.isEmpty
        case .int(let value): return value != 0
        case .bool(let value): return value
        case .list(let items): return !items.isEmpty
        case .object: return true
        }
    }

    /// The value as text, for comparisons in conditions and for messages.
    public var description: String {
        switch self {
        case .string(let value): return value
        case .int(let value): return String(value)
        case .bool(let value): return value ? "true" : "false"
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .object(let fields): return "{" + fields.keys.sorted().joined(separator: ", ") + "}"
        }
    }
}

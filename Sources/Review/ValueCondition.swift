/// What a configuration property's value must satisfy.
public enum ValueCondition: Sendable, Hashable, CustomStringConvertible {
    /// The property is set to exactly this value.
    case equals(String)
    /// The property is set to one of these values.
    case oneOf([String])
    /// The property is not set to this value (an unset property passes).
    case notEquals(String)
    /// The property is set, to any value.
    case present
    /// The property is not set.
    case absent

    /// The condition as a short phrase for messages, for example `= "true"` or `one of "all", "-1"`.
    public var description: String {
        switch self {
        case .equals(let value): "= \"\(value)\""
        case .oneOf(let values): "one of " + values.map { "\"\($0)\"" }.joined(separator: ", ")
        case .notEquals(let value): "≠ \"\(value)\""
        case .present: "set"
        case .absent: "not set"
        }
    }

    /// Whether a property with this value satisfies the condition.
    /// - Parameter value: The property's value, or `nil` when the property is not set.
    /// - Returns: `true` when the condition holds.
    public func isSatisfied(by value: String?) -> Bool {
        switch self {
        case .equals(let expected): value == expected
        case .oneOf(let expected): value.map(expected.contains) ?? false
        case .notEquals(let unwanted): value != unwanted
        case .present: value != nil
        case .absent: value == nil
        }
    }
}

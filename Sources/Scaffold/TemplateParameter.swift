/// A value a template needs, declared in its `template.yaml` with a type, a default and rules.
///
/// ```yaml
/// parameters:
///   - name: retries
///     type: int
///     minimum: 0
///     maximum: 100
///     default: 3
///     description: Retries of a failed record before it is dead-lettered.
/// ```
public struct TemplateParameter: Sendable, Hashable {
    /// The parameter's type and the rules its values follow.
    public enum Kind: Sendable, Hashable {
        /// Text, optionally matching a regular expression in full.
        case string(pattern: String?)
        /// A whole number, optionally bounded.
        case int(minimum: Int?, maximum: Int?)
        /// `true` or `false`.
        case bool
        /// One of a list of texts.
        case choice([String])

        /// The type's name in `template.yaml`.
        public var name: String {
            switch self {
            case .string: return "string"
            case .int: return "int"
            case .bool: return "bool"
            case .choice: return "choice"
            }
        }
    }

    /// The name templates use.
    public var name: String
    /// What it means.
    public var description: String
    /// The type and rules.
    public var kind: Kind
    /// The value used when the spec gives none; without one, the spec must give a value.
    public var defaultValue: TemplateValue?

    /// Creates a parameter.
    public init(name: String, description: String, kind: Kind, defaultValue: TemplateValue?) {
        self.name = name
        self.description = description
        self.kind = kind
        self.defaultValue = defaultValue
    }

    /// Why `value` breaks the parameter's rules, or `nil` when it follows them.
    public func problem(with value: TemplateValue) -> String? {
        switch (kind, value) {
        case (.string(let pattern), .string(let text)):
            guard let pattern else { return nil }
            guard let regex = try? Regex(pattern), (try? regex.wholeMatch(in: text)) != nil else {
                return "text matching \(pattern)"
            }
            return nil
        case (.int(let minimum, let maximum), .int(let number)):
            if let minimum, number < minimum { return "at least \(minimum)" }
            if let maximum, number > maximum { return "at most \(maximum)" }
            return nil
        case (.bool, .bool):
            return nil
        case (.choice(let choices), .string(let text)):
            return choices.contains(text) ? nil : "one of \(choices.joined(separator: ", "))"
        default:
            return "a value of type \(kind.name)"
        }
    }
}

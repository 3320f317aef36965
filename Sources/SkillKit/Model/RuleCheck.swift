/// A mechanical check of a rule, over client configuration or over source code.
public enum RuleCheck: Sendable, Equatable {
    /// A check of librdkafka properties found in code or preset files.
    case config(ConfigCheck)
    /// A regular-expression check over Swift source files.
    case code(CodeCheck)
}

/// Which client a configuration check applies to.
public enum ConfigRole: String, Sendable, Equatable, CaseIterable {
    /// Producer configuration only.
    case producer
    /// Consumer configuration only.
    case consumer
    /// Any client configuration.
    case any
}

/// A condition on one librdkafka property.
public struct ConfigCondition: Sendable, Equatable {
    /// The librdkafka property name, e.g. `enable.idempotence`.
    public var key: String
    /// What the property's value must satisfy.
    public var predicate: ConfigPredicate

    /// Creates a condition.
    public init(key: String, predicate: ConfigPredicate) {
        self.key = key
        self.predicate = predicate
    }
}

/// What a property's value must satisfy; exactly one per condition.
public enum ConfigPredicate: Sendable, Equatable {
    /// The value equals the string.
    case equals(String)
    /// The value is one of the strings.
    case oneOf([String])
    /// The value differs from the string; an unset property counts as different.
    case notEquals(String)
    /// The property is set.
    case present
    /// The property is not set.
    case absent

    /// The spec key that spells the predicate.
    public var key: String {
        switch self {
        case .equals: return "equals"
        case .oneOf: return "oneOf"
        case .notEquals: return "notEquals"
        case .present: return "present"
        case .absent: return "absent"
        }
    }

    /// A short human rendering, e.g. `= true` or `∈ {all, -1}`.
    public var summary: String {
        switch self {
        case .equals(let value): return "= \(value)"
        case .oneOf(let values): return "one of \(values.joined(separator: ", "))"
        case .notEquals(let value): return "≠ \(value)"
        case .present: return "set"
        case .absent: return "not set"
        }
    }
}

/// A configuration check: the condition must hold whenever `when` holds.
public struct ConfigCheck: Sendable, Equatable {
    /// Which client the check applies to.
    public var role: ConfigRole
    /// The condition that must hold.
    public var condition: ConfigCondition
    /// An optional precondition; the check applies only when it holds.
    public var when: ConfigCondition?

    /// Creates a configuration check.
    public init(role: ConfigRole, condition: ConfigCondition, when: ConfigCondition?) {
        self.role = role
        self.condition = condition
        self.when = when
    }
}

/// A source-pattern check over Swift files.
public struct CodeCheck: Sendable, Equatable {
    /// Whether a match is a finding (`forbid`) or a match is needed (`require`).
    public enum Pattern: Sendable, Equatable {
        /// A match of the regular expression is a finding.
        case forbid(String)
        /// A file to which the check applies must match the regular expression.
        case require(String)

        /// The regular expression.
        public var regex: String {
            switch self {
            case .forbid(let regex), .require(let regex): return regex
            }
        }
    }

    /// The pattern to look for.
    public var pattern: Pattern
    /// An optional regular expression: the check applies only to files that match it.
    public var when: String?
    /// What is wrong, shown with each finding.
    public var message: String
    /// How to fix it.
    public var fix: String?

    /// Creates a code check.
    public init(pattern: Pattern, when: String?, message: String, fix: String?) {
        self.pattern = pattern
        self.when = when
        self.message = message
        self.fix = fix
    }
}

/// A check on one librdkafka property in every configuration of a given role.
public struct ConfigCheck: Sendable, Hashable {
    /// Which clients a configuration check applies to.
    public enum Role: String, Sendable, Hashable, CaseIterable {
        /// Producer configurations only.
        case producer
        /// Consumer configurations only.
        case consumer
        /// Every configuration.
        case any
    }

    /// Which configurations the check applies to.
    public var role: Role
    /// The librdkafka property name, for example `enable.idempotence`.
    public var key: String
    /// What the property's value must satisfy.
    public var condition: ValueCondition
    /// A precondition on another property; the check applies only where it holds.
    public var when: Precondition?

    /// A condition on another property that must hold for the check to apply.
    public struct Precondition: Sendable, Hashable {
        /// The property the precondition reads.
        public var key: String
        /// What that property's value must satisfy.
        public var condition: ValueCondition

        /// Creates a precondition.
        /// - Parameters:
        ///   - key: The property the precondition reads.
        ///   - condition: What that property's value must satisfy.
        public init(key: String, condition: ValueCondition) {
            self.key = key
            self.condition = condition
        }
    }

    /// Creates a configuration check.
    /// - Parameters:
    ///   - role: Which configurations the check applies to.
    ///   - key: The librdkafka property name.
    ///   - condition: What the property's value must satisfy.
    ///   - when: A precondition on another property, if any.
    public init(role: Role, key: String, condition: ValueCondition, when: Precondition? = nil) {
        self.role = role
        self.key = key
        self.condition = condition
        self.when = when
    }
}

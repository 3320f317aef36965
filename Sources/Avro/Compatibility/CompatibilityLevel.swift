/// A schema registry compatibility level: which earlier schemas a new schema is checked against, and in which
/// direction.
public enum CompatibilityLevel: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The new schema can read data written with the latest earlier schema.
    case backward = "BACKWARD"
    /// The new schema can read data written with every earlier schema.
    case backwardTransitive = "BACKWARD_TRANSITIVE"
    /// The latest earlier schema can read data written with the new schema.
    case forward = "FORWARD"
    /// Every earlier schema can read data written with the new schema.
    case forwardTransitive = "FORWARD_TRANSITIVE"
    /// Both backward and forward, against the latest earlier schema.
    case full = "FULL"
    /// Both backward and forward, against every earlier schema.
    case fullTransitive = "FULL_TRANSITIVE"
    /// No check.
    case none = "NONE"

    /// Looks a level up by name, ignoring case (`full_transitive` works).
    ///
    /// - Parameter name: A level name such as `BACKWARD`.
    public init?(name: String) {
        self.init(rawValue: name.uppercased())
    }

    /// The level's name as registries spell it.
    public var description: String { rawValue }

    /// Whether the new schema must read data written with earlier schemas.
    public var checksBackward: Bool {
        self == .backward || self == .backwardTransitive || self == .full || self == .fullTransitive
    }

    /// Whether earlier schemas must read data written with the new schema.
    public var checksForward: Bool {
        self == .forward || self == .forwardTransitive || self == .full || self == .fullTransitive
    }

    /// Whether every earlier schema is checked, not only the latest.
    public var isTransitive: Bool {
        self == .backwardTransitive || self == .forwardTransitive || self == .fullTransitive
    }
}

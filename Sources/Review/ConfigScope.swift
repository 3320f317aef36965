/// One client configuration found in a file: a dictionary literal, a function body that sets
/// properties, a YAML/JSON mapping or a `.properties` file.
struct ConfigScope: Equatable {
    /// A property's value as far as the source shows it.
    enum Value: Equatable {
        /// A literal value (strings, numbers and Booleans, as text).
        case literal(String)
        /// A value computed at run time, which static checks cannot judge.
        case dynamic
    }

    /// One property assignment.
    struct Entry: Equatable {
        var key: String
        var value: Value
        var line: Int
    }

    /// The line the configuration starts on.
    var line: Int
    /// The client role, from names around the configuration or from its keys.
    var role: ConfigCheck.Role
    /// The assignments in source order.
    var entries: [Entry]
    /// Whether the configuration starts from properties defined elsewhere, so a key it does not set
    /// may still be set there.
    var amendsBase = false

    /// The last assignment of a key, which is the one that takes effect.
    func entry(for key: String) -> Entry? {
        entries.last { $0.key == key }
    }
}

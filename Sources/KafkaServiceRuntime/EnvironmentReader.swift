public import Logging

/// Reads typed settings from environment variables; every error names the variable and what it accepts.
/// An unset or empty variable means its default.
public struct EnvironmentReader: Sendable {
    /// The variables.
    public var environment: [String: String]

    /// Reads from `environment`.
    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// The variable's value, or `defaultValue` when it is unset or empty.
    public func string(_ name: String, default defaultValue: String) -> String {
        optionalString(name) ?? defaultValue
    }

    /// The variable's value, or `nil` when it is unset or empty.
    public func optionalString(_ name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }

    /// A comma-separated list, blanks dropped.
    public func list(_ name: String, default defaultValue: [String]) -> [String] {
        guard let value = optionalString(name) else { return defaultValue }
        let items = value.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        return items.isEmpty ? defaultValue : items
    }

    /// A whole number within `range`.
    /// - Throws: ``ServiceRuntimeError`` with code `invalidSetting`.
    public func int(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws(ServiceRuntimeError) -> Int {
        guard let text = optionalString(name) else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            throw .invalidSetting(name, value: text, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A whole number within `range`, or `nil` when the variable is unset or empty.
    /// - Throws: ``ServiceRuntimeError`` with code `invalidSetting`.
    public func optionalInt(_ name: String, in range: ClosedRange<Int>) throws(ServiceRuntimeError) -> Int? {
        guard optionalString(name) != nil else { return nil }
        return try int(name, default: range.lowerBound, in: range)
    }

    /// A number of milliseconds within `range`, as a `Duration`.
    /// - Throws: ``ServiceRuntimeError`` with code `invalidSetting`.
    public func milliseconds(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws(ServiceRuntimeError) -> Duration {
        .milliseconds(try int(name, default: defaultValue, in: range))
    }

    /// A swift-log level name.
    /// - Throws: ``ServiceRuntimeError`` with code `invalidSetting`.
    public func logLevel(_ name: String, default defaultValue: Logger.Level) throws(ServiceRuntimeError) -> Logger.Level {
        guard let text = optionalString(name) else { return defaultValue }
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            throw .invalidSetting(name, value: text, expected: "one of " + Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return level
    }
}

extension Substring {
    func trimmingWhitespace() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}

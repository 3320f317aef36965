import Foundation
import Logging

/// Reads typed settings from environment variables; every error names the variable and what it accepts.
struct EnvironmentReader {
    var environment: [String: String]

    /// The variable's value, or `defaultValue` when it is unset or empty.
    func string(_ name: String, default defaultValue: String) -> String {
        guard let value = environment[name], !value.isEmpty else { return defaultValue }
        return value
    }

    /// The variable's value, or `nil` when it is unset or empty.
    func optionalString(_ name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }

    /// A comma-separated list, blanks dropped.
    func list(_ name: String, default defaultValue: [String]) -> [String] {
        guard let value = optionalString(name) else { return defaultValue }
        let items = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return items.isEmpty ? defaultValue : items
    }

    /// A whole number within `range`.
    func int(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws(SettingsError) -> Int {
        guard let text = optionalString(name) else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            throw SettingsError(variable: name, value: text, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// An http or https URL with a host.
    func url(_ name: String, default defaultValue: String) throws(SettingsError) -> String {
        let text = string(name, default: defaultValue)
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased()), url.host != nil else {
            throw SettingsError(variable: name, value: text, expected: "an http or https URL, e.g. http://127.0.0.1:8081")
        }
        return text
    }

    /// A whole number within `range`, or `nil` when the variable is unset or empty.
    func optionalInt(_ name: String, in range: ClosedRange<Int>) throws(SettingsError) -> Int? {
        guard optionalString(name) != nil else { return nil }
        return try int(name, default: range.lowerBound, in: range)
    }

    /// Where JSON-lines events go: `stdout`, a file to append to, or nowhere when unset.
    func eventsDestination(_ name: String) -> EventLog.Destination {
        guard let value = optionalString(name) else { return .disabled }
        return value == "stdout" ? .standardOutput : .file(path: value)
    }

    /// A swift-log level name.
    func logLevel(_ name: String, default defaultValue: Logger.Level) throws(SettingsError) -> Logger.Level {
        guard let text = optionalString(name) else { return defaultValue }
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            throw SettingsError(variable: name, value: text, expected: "one of \(names)")
        }
        return level
    }
}

/// An environment variable holds a value the service cannot use.
struct SettingsError: Error, CustomStringConvertible {
    var variable: String
    var value: String
    var expected: String

    var description: String { "\(variable)='\(value)' is not valid: expected \(expected)." }
}

import Foundation

/// The JSON-lines events a service wrote, parsed into objects.
public struct EventLines {
    /// Every line, in order.
    public var lines: [[String: Any]]

    /// Reads the event file at `path`.
    /// - Throws: When the file cannot be read or a line is not JSON.
    public init(contentsOf path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        lines = try text.split(separator: "\n").map { line in
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
        }
    }

    /// The events with this name.
    public func named(_ name: String) -> [[String: Any]] {
        lines.filter { $0["name"] as? String == name }
    }

    /// The string field `field` of each event named `name`.
    public func strings(_ field: String, of name: String) -> [String] {
        named(name).compactMap { $0[field] as? String }
    }
}

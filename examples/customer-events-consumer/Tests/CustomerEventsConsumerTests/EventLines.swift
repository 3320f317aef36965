import Foundation

/// The JSON-lines events a service wrote, parsed.
struct EventLines {
    var lines: [[String: Any]]

    init(contentsOf path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        lines = try text.split(separator: "\n").map { line in
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
        }
    }

    /// The events with this name.
    func named(_ name: String) -> [[String: Any]] {
        lines.filter { $0["name"] as? String == name }
    }
}

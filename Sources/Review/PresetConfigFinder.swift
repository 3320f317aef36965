import Foundation
import Yams

/// Finds librdkafka configuration in preset files: YAML and JSON mappings, and `.properties` files.
struct PresetConfigFinder {
    /// The keys the rules check, recognised as properties even without a librdkafka prefix.
    var ruleKeys: Set<String>

    /// Finds the configurations in a YAML or JSON document: every mapping with librdkafka keys is
    /// one, its role named by the keys above it, by the file name or by its own keys.
    /// - Returns: The configurations, or an empty list when the text is not valid YAML or JSON
    ///   (such a file is not a preset this review can read, and other tools report syntax).
    func scopes(inYAML text: String, fileName: String) -> [ConfigScope] {
        guard let root = try? Yams.compose(yaml: text) else { return [] }
        var scopes: [ConfigScope] = []
        collect(root, path: [], fileName: fileName, into: &scopes)
        return scopes
    }

    /// Finds the one configuration of a `.properties` file (`key=value`, `key: value` or
    /// `key value`; `#` and `!` start comments).
    func scopes(inProperties text: String, fileName: String) -> [ConfigScope] {
        var entries: [ConfigScope.Entry] = []
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            guard let first = line.first, first != "#", first != "!" else { continue }
            let separator = line.firstIndex { $0 == "=" || $0 == ":" || $0 == " " || $0 == "\t" } ?? line.endIndex
            let key = String(line[..<separator]).trimmingCharacters(in: .whitespaces)
            guard LibrdkafkaProperties.isPropertyName(key, ruleKeys: ruleKeys) else { continue }
            var value = line[separator...].drop { $0 == " " || $0 == "\t" }
            if value.first == "=" || value.first == ":" { value = value.dropFirst() }
            entries.append(ConfigScope.Entry(key: key, value: .literal(value.trimmingCharacters(in: .whitespaces)), line: offset + 1))
        }
        guard let first = entries.first else { return [] }
        let role = LibrdkafkaProperties.role(fromNames: [fileName]) ?? LibrdkafkaProperties.role(fromKeys: entries.map(\.key))
        return [ConfigScope(line: first.line, role: role, entries: entries)]
    }

    private func collect(_ node: Node, path: [String], fileName: String, into scopes: inout [ConfigScope]) {
        if let mapping = node.mapping {
            var entries: [ConfigScope.Entry] = []
            for (key, value) in mapping {
                guard let name = key.scalar?.string else { continue }
                if LibrdkafkaProperties.isPropertyName(name, ruleKeys: ruleKeys), let scalar = value.scalar {
                    entries.append(ConfigScope.Entry(key: name, value: .literal(scalar.string), line: key.mark?.line ?? 1))
                } else {
                    collect(value, path: path + [name], fileName: fileName, into: &scopes)
                }
            }
            if let first = entries.first {
                let role = LibrdkafkaProperties.role(fromNames: path.reversed() + [fileName])
                    ?? LibrdkafkaProperties.role(fromKeys: entries.map(\.key))
                scopes.append(ConfigScope(line: node.mark?.line ?? first.line, role: role, entries: entries))
            }
        } else if let sequence = node.sequence {
            for item in sequence { collect(item, path: path, fileName: fileName, into: &scopes) }
        }
    }
}

import Foundation
import Yams
import KafkaSkillModel

/// Walks a composed YAML tree, turning shape errors into `SkillKitError`s that carry the node's
/// file:line:column. It records errors instead of stopping, so one run reports every problem in a file.
final class SpecReader {
    let file: String
    private(set) var errors: [SkillKitError] = []

    init(file: String) {
        self.file = file
    }

    func record(_ error: SkillKitError) {
        errors.append(error)
    }

    func location(of node: Node) -> SourceLocation {
        YAMLSource(file: file).location(of: node)
    }

    /// Parses `text` into a node tree; a syntax error is recorded with its position.
    func compose(_ text: String) -> Node? {
        do {
            return try YAMLSource(file: file).composeDocument(text)
        } catch {
            record(.malformedYAML(error.location, problem: error.message))
            return nil
        }
    }

    /// Opens a mapping, rejecting unknown keys and reporting missing required ones.
    func fields(_ node: Node, context: String, required: [String], optional: [String] = []) -> Fields? {
        guard case .mapping(let mapping) = node else {
            record(.wrongType(location(of: node), field: context, expected: "a mapping (key: value lines)"))
            return nil
        }
        let allowed = required + optional
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                record(.wrongType(location(of: key), field: context, expected: "a mapping with plain string keys"))
                continue
            }
            guard allowed.contains(name) else {
                record(.unknownKey(location(of: key), key: name, context: context, allowed: allowed))
                continue
            }
            values[name] = value
        }
        var complete = true
        for key in required where values[key] == nil {
            record(.missingKey(location(of: node), key: key, context: context))
            complete = false
        }
        return Fields(reader: self, node: node, context: context, values: values, complete: complete)
    }

    /// A non-empty string from a scalar node.
    func string(_ node: Node, field: String) -> String? {
        guard case .scalar(let scalar) = node else {
            record(.wrongType(location(of: node), field: field, expected: "a string"))
            return nil
        }
        let text = scalar.string.trimmingTrailingNewlines()
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            record(.invalidValue(location(of: node), field: field, value: "", expected: "a non-empty string"))
            return nil
        }
        return text
    }

    /// The elements of a sequence node.
    func sequence(_ node: Node, field: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            record(.wrongType(location(of: node), field: field, expected: "a list (lines starting with '- ')"))
            return nil
        }
        return Array(sequence)
    }

    /// A value from a closed set, named by its raw value.
    func choice<Value: RawRepresentable & CaseIterable>(_ node: Node, field: String, as type: Value.Type) -> Value?
    where Value.RawValue == String {
        guard let text = string(node, field: field) else { return nil }
        guard let value = Value(rawValue: text) else {
            let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
            record(.invalidValue(location(of: node), field: field, value: text, expected: "one of \(allowed)"))
            return nil
        }
        return value
    }
}

/// The checked keys of one mapping.
struct Fields {
    let reader: SpecReader
    let node: Node
    let context: String
    let values: [String: Node]
    /// False when a required key was missing; the caller drops the element.
    let complete: Bool

    var location: SourceLocation { reader.location(of: node) }

    func has(_ key: String) -> Bool { values[key] != nil }

    func node(_ key: String) -> Node? { values[key] }

    func string(_ key: String) -> String? {
        values[key].flatMap { reader.string($0, field: "\(context).\(key)") }
    }

    func int(_ key: String) -> Int? {
        guard let node = values[key], let text = reader.string(node, field: "\(context).\(key)") else { return nil }
        guard let value = Int(text) else {
            reader.record(.invalidValue(reader.location(of: node), field: "\(context).\(key)", value: text, expected: "a whole number"))
            return nil
        }
        return value
    }

    func bool(_ key: String, default defaultValue: Bool) -> Bool {
        guard let node = values[key], let text = reader.string(node, field: "\(context).\(key)") else { return defaultValue }
        switch text {
        case "true": return true
        case "false": return false
        default:
            reader.record(.invalidValue(reader.location(of: node), field: "\(context).\(key)", value: text, expected: "true or false"))
            return defaultValue
        }
    }

    func choice<Value: RawRepresentable & CaseIterable>(_ key: String, as type: Value.Type) -> Value?
    where Value.RawValue == String {
        values[key].flatMap { reader.choice($0, field: "\(context).\(key)", as: type) }
    }

    /// Each element of a list, transformed; a missing optional list is empty.
    func list<Element>(_ key: String, _ transform: (Node, String) -> Element?) -> [Element] {
        guard let node = values[key], let items = reader.sequence(node, field: "\(context).\(key)") else { return [] }
        return items.enumerated().compactMap { index, item in transform(item, "\(context).\(key)[\(index)]") }
    }

    func strings(_ key: String) -> [String] {
        list(key) { node, field in reader.string(node, field: field) }
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while text.last == "\n" { text.removeLast() }
        return text
    }
}

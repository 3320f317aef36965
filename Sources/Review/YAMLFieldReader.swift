import Foundation
import Yams
import KafkaSkillModel

/// Reads typed fields out of composed YAML nodes and reports problems at their `file:line:column`.
struct YAMLFieldReader {
    /// The path used in error locations.
    let path: String

    /// Composes YAML text into a node tree, turning Yams' errors into located ``ReviewError``s.
    func compose(_ text: String) throws -> Node? {
        do {
            return try YAMLSource(file: path).compose(text)
        } catch {
            throw ReviewError.yamlSyntax(error.location, problem: error.message)
        }
    }

    /// The location of a node.
    func location(of node: Node) -> SourceLocation {
        YAMLSource(file: path).location(of: node)
    }

    /// A scalar's text.
    func string(_ node: Node, field: String) throws -> String {
        guard let scalar = node.scalar else {
            throw ReviewError.invalidRule(location(of: node), field: field, problem: "must be a single value, not a list or mapping")
        }
        return scalar.string
    }

    /// A required, non-empty scalar field of a mapping.
    func requiredString(_ key: String, in mapping: Node.Mapping, at node: Node, prefix: String = "") throws -> String {
        guard let value = mapping[key] else {
            throw ReviewError.invalidRule(location(of: node), field: prefix + key, problem: "is missing")
        }
        let text = try string(value, field: prefix + key)
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ReviewError.invalidRule(location(of: value), field: prefix + key, problem: "is empty")
        }
        return text
    }

    /// A scalar that must compile as an `NSRegularExpression`.
    func pattern(_ node: Node, field: String) throws -> String {
        let text = try string(node, field: field)
        do {
            _ = try NSRegularExpression(pattern: text)
        } catch {
            throw ReviewError.invalidPattern(location(of: node), pattern: text, problem: error.localizedDescription)
        }
        return text
    }
}

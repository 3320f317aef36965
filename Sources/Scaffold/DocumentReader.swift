import Yams
import KafkaSkillModel

/// Walks a composed YAML (or JSON) tree, turning shape problems into ``ScaffoldError``s that carry the
/// node's file:line:column. Problems are recorded, not thrown, so one pass reports all of them.
final class DocumentReader {
    /// The file's path, as shown in messages.
    let file: String
    /// The problems found so far.
    private(set) var errors: [ScaffoldError] = []

    init(file: String) {
        self.file = file
    }

    func record(_ error: ScaffoldError) {
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
            record(.malformedDocument(error.location, problem: error.message))
            return nil
        }
    }

    /// The entries of a mapping, by key, in document order.
    struct Fields {
        /// The mapping itself.
        var node: Node
        /// The keys in document order.
        var keys: [String]
        /// The values by key.
        var values: [String: Node]
        /// The key nodes by key, for positions.
        var keyNodes: [String: Node]

        subscript(key: String) -> Node? { values[key] }
    }

    /// Opens a mapping, rejecting keys outside `required` and `optional` and reporting missing required ones.
    /// - Parameters:
    ///   - node: The node that must be a mapping.
    ///   - context: How messages name it, e.g. `the spec` or `topics[0]`.
    ///   - required: Keys that must be present.
    ///   - optional: Keys that may be present.
    ///   - extensions: Whether `x-…` keys are accepted (AsyncAPI's specification extensions).
    ///   - anyKeys: Whether every key is accepted (maps of names to values).
    func fields(
        _ node: Node, context: String, required: [String] = [], optional: [String] = [], extensions: Bool = false,
        anyKeys: Bool = false
    ) -> Fields? {
        guard case .mapping(let mapping) = node else {
            record(.wrongType(location(of: node), field: context, expected: "a mapping (key: value lines)"))
            return nil
        }
        let allowed = required + optional
        var fields = Fields(node: node, keys: [], values: [:], keyNodes: [:])
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                record(.wrongType(location(of: key), field: context, expected: "a mapping with plain string keys"))
                continue
            }
            let name = scalar.string
            let isExtension = extensions && name.hasPrefix("x-")
            guard anyKeys || isExtension || allowed.contains(name) else {
                record(.unknownKey(location(of: key), key: name, context: context, allowed: allowed))
                continue
            }
            fields.keys.append(name)
            fields.values[name] = value
            fields.keyNodes[name] = key
        }
        var complete = true
        for key in required where fields.values[key] == nil {
            record(.missingKey(location(of: node), key: key, context: context))
            complete = false
        }
        return complete ? fields : nil
    }

    /// A scalar's text.
    func string(_ node: Node, field: String) -> String? {
        guard case .scalar(let scalar) = node else {
            record(.wrongType(location(of: node), field: field, expected: "a single value (text), not a list or mapping"))
            return nil
        }
        return scalar.string
    }

    /// A whole number within `range`.
    func int(_ node: Node, field: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = string(node, field: field) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            record(.invalidValue(
                location(of: node), field: field, value: text,
                expected: "a whole number from \(range.lowerBound) to \(range.upperBound)"))
            return nil
        }
        return value
    }

    /// `true` or `false`.
    func bool(_ node: Node, field: String) -> Bool? {
        guard let text = string(node, field: field) else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default:
            record(.invalidValue(location(of: node), field: field, value: text, expected: "true or false"))
            return nil
        }
    }

    /// One of a fixed set of values.
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

    /// A text matching a rule, reported with `expected` when it does not.
    func string(_ node: Node, field: String, matching isValid: (String) -> Bool, expected: String) -> String? {
        guard let text = string(node, field: field) else { return nil }
        guard isValid(text) else {
            record(.invalidValue(location(of: node), field: field, value: text, expected: expected))
            return nil
        }
        return text
    }

    /// The items of a list.
    func list(_ node: Node, field: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            record(.wrongType(location(of: node), field: field, expected: "a list (lines starting with '- ')"))
            return nil
        }
        return Array(sequence)
    }
}

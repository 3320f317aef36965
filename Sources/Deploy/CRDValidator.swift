import Foundation
import Yams

/// A place in a YAML file where a document breaks its CRD schema.
public struct SchemaProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file, as the caller named it.
    public var file: String
    /// 1-based line and column of the offending node.
    public var line: Int, column: Int
    /// The path in the document, e.g. `spec.kafka.listeners[0].port`.
    public var path: String
    /// What is wrong and what the schema allows.
    public var message: String

    /// `file:line:column: path: message`.
    public var description: String { "\(file):\(line):\(column): \(path.isEmpty ? "" : path + ": ")\(message)" }
}

/// Checks YAML nodes against a ``CRDSchema`` the way the API server checks a structural schema: types,
/// `required`, `enum`, unknown fields (against `properties`, `additionalProperties` and
/// `x-kubernetes-preserve-unknown-fields`), `items`, `minimum`/`maximum`, `minItems`, `pattern`, and
/// `oneOf`/`anyOf`. CEL rules (`x-kubernetes-validations`) are not evaluated.
struct CRDValidator {
    let file: String
    private(set) var problems: [SchemaProblem] = []

    init(file: String) {
        self.file = file
    }

    mutating func validate(_ node: Node, against schema: CRDSchema, path: String) {
        check(node, schema, path, strict: true)
    }

    /// Whether `node` satisfies `schema` (a `oneOf`/`anyOf` branch: unknown fields are not its business).
    private func matches(_ node: Node, _ schema: CRDSchema, path: String) -> Bool {
        var probe = CRDValidator(file: file)
        probe.check(node, schema, path, strict: false)
        return probe.problems.isEmpty
    }

    private mutating func report(_ node: Node, _ path: String, _ message: String) {
        let mark = node.mark
        problems.append(SchemaProblem(file: file, line: mark?.line ?? 0, column: mark?.column ?? 0, path: path, message: message))
    }

    private static func tagName(_ node: Node) -> String {
        let name = node.tag.description
        return name.hasPrefix("tag:yaml.org,2002:") ? String(name.dropFirst("tag:yaml.org,2002:".count)) : name
    }

    private static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "an object"
        case .sequence: return "a list"
        case .scalar(let scalar):
            switch tagName(node) {
            case "int": return "the integer \(scalar.string)"
            case "float": return "the number \(scalar.string)"
            case "bool": return "the boolean \(scalar.string)"
            case "null": return "null"
            default: return "the string \"\(scalar.string)\""
            }
        case .alias: return "an alias"
        }
    }

    private mutating func check(_ node: Node, _ schema: CRDSchema, _ path: String, strict: Bool) {
        // Types.
        if !typeMatches(node, schema) {
            report(node, path, "found \(Self.describe(node)); the schema allows \(schema.summary)")
            return
        }
        if let enumeration = schema.enumeration, case .scalar(let scalar) = node, !enumeration.contains(scalar.string) {
            report(node, path, "\"\(scalar.string)\" is not allowed; the schema allows one of \(enumeration.joined(separator: ", "))")
        }
        if case .scalar(let scalar) = node {
            let value = Double(scalar.string)
            let tag = Self.tagName(node)
            if let value, tag == "int" || tag == "float" {
                if let minimum = schema.minimum, value < minimum {
                    report(node, path, "\(scalar.string) is below the minimum \(Self.number(minimum))")
                }
                if let maximum = schema.maximum, value > maximum {
                    report(node, path, "\(scalar.string) is above the maximum \(Self.number(maximum))")
                }
            }
            if let pattern = schema.pattern, tag == "str", !PatternCache.matches(scalar.string, pattern: pattern) {
                report(node, path, "\"\(scalar.string)\" does not match the pattern \(pattern)")
            }
        }
        // Objects.
        if case .mapping(let mapping) = node {
            for key in schema.required where mapping[key] == nil {
                report(node, path, "the required field \(key) is missing")
            }
            for (keyNode, value) in mapping {
                let key = keyNode.string ?? ""
                let childPath = path.isEmpty ? key : "\(path).\(key)"
                if let property = schema.property(key) {
                    check(value, property, childPath, strict: strict)
                } else if case .schema(let additional) = schema.additionalProperties {
                    check(value, additional, childPath, strict: strict)
                } else if strict, !schema.preservesUnknownFields, let allowed = schema.propertyNames,
                    schema.additionalProperties == .denied || schema.additionalProperties == .absent
                {
                    report(keyNode, childPath, "unknown field \(key); the schema allows \(allowed.isEmpty ? "no fields here" : allowed.joined(separator: ", "))")
                }
            }
        }
        // Lists.
        if case .sequence(let sequence) = node {
            if let minItems = schema.minItems, sequence.count < minItems {
                report(node, path, "the list has \(sequence.count) item(s); the schema needs at least \(minItems)")
            }
            if let items = schema.items {
                for (index, item) in sequence.enumerated() { check(item, items, "\(path)[\(index)]", strict: strict) }
            }
        }
        // Combinators.
        let oneOf = schema.oneOf
        if !oneOf.isEmpty {
            let matching = oneOf.filter { matches(node, $0, path: path) }.count
            if matching != 1 {
                report(node, path, "matches \(matching) of the alternatives; the schema allows exactly one of: \(Self.alternatives(oneOf))")
            }
        }
        let anyOf = schema.anyOf
        if !anyOf.isEmpty, !anyOf.contains(where: { matches(node, $0, path: path) }) {
            report(node, path, "matches none of the alternatives; the schema allows at least one of: \(Self.alternatives(anyOf))")
        }
    }

    private func typeMatches(_ node: Node, _ schema: CRDSchema) -> Bool {
        let tag = Self.tagName(node)
        if schema.intOrString { return tag == "int" || tag == "str" }
        switch schema.types {
        case nil: return true
        case "object"?: if case .mapping = node { return true } else { return false }
        case "array"?: if case .sequence = node { return true } else { return false }
        case "string"?: return tag == "str"
        case "integer"?: return tag == "int"
        case "number"?: return tag == "int" || tag == "float"
        case "boolean"?: return tag == "bool"
        default: return true
        }
    }

    private static func alternatives(_ branches: [CRDSchema]) -> String {
        branches.map { branch in
            if !branch.required.isEmpty { return "{" + branch.required.joined(separator: ", ") + "}" }
            if let names = branch.propertyNames { return "{one of " + names.joined(separator: ", ") + "}" }
            return branch.summary
        }.joined(separator: " | ")
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

extension CRDSchema.Additional {
    static func == (lhs: Self, rhs: Self) -> Bool {
        switch (lhs, rhs) {
        case (.absent, .absent), (.allowed, .allowed), (.denied, .denied): return true
        default: return false
        }
    }
}

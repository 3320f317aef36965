import Foundation
import Yams

/// Reads typed fields out of composed YAML nodes and reports problems at their `file:line:column`.
struct YAMLFieldReader {
    /// The path used in error locations.
    let path: String

    /// Composes YAML text into a node tree, turning Yams' errors into located ``ReviewError``s.
    func compose(_ text: String) throws -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ReviewError.yamlSyntax(location(of: error), problem: Self.problem(of: error))
        }
    }

    /// The location of a node, or the file's start when Yams kept no mark.
    func location(of node: Node) -> SourceLocation {
        SourceLocation(file: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
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

    private func location(of error: YamlError) -> SourceLocation {
        let mark: Mark? = switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark
        case .duplicatedKeysInMapping(_, let context): context.mark
        default: nil
        }
        return SourceLocation(file: path, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            context.map { "\(problem) (\($0.text) at \($0.mark))" } ?? problem
        case .duplicatedKeysInMapping(let duplicates, _):
            "duplicate keys \(duplicates.joined(separator: ", "))"
        case .reader(let problem, _, _, _):
            problem
        default:
            "\(error)"
        }
    }
}

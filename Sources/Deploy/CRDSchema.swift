import Foundation
import Synchronization

/// One node of a CRD's `openAPIV3Schema`: the keywords the Kubernetes API server checks on a structural
/// schema, as far as Strimzi's CRDs use them (`x-kubernetes-validations` CEL rules are not evaluated).
///
/// A node wraps its part of the parsed JSON and reads each keyword when asked, building child nodes only
/// for the parts a document reaches: a manifest touches a few dozen of the Kafka CRD's thousands of nodes.
/// Immutable after `init` (a JSON object from `JSONSerialization`, never mutated), hence `@unchecked`.
final class CRDSchema: @unchecked Sendable {
    private let json: [String: Any]

    enum Additional: Sendable {
        case absent, allowed, denied
        case schema(CRDSchema)
    }

    /// Wraps a schema's JSON object.
    init(json: [String: Any]) {
        self.json = json
    }

    var types: String? { json["type"] as? String }
    func property(_ name: String) -> CRDSchema? {
        ((json["properties"] as? [String: Any])?[name] as? [String: Any]).map(CRDSchema.init(json:))
    }
    var propertyNames: [String]? { (json["properties"] as? [String: Any]).map { $0.keys.sorted() } }
    var required: [String] { json["required"] as? [String] ?? [] }
    var enumeration: [String]? { (json["enum"] as? [Any]).map { $0.map { "\($0)" } } }
    /// `additionalProperties: false` is `.denied`; a schema checks every value; absent is `.absent`.
    var additionalProperties: Additional {
        switch json["additionalProperties"] {
        case let flag as Bool: return flag ? .allowed : .denied
        case let schema as [String: Any]: return .schema(CRDSchema(json: schema))
        default: return .absent
        }
    }
    var preservesUnknownFields: Bool { json["x-kubernetes-preserve-unknown-fields"] as? Bool ?? false }
    var intOrString: Bool { json["x-kubernetes-int-or-string"] as? Bool ?? false }
    var items: CRDSchema? { (json["items"] as? [String: Any]).map(CRDSchema.init(json:)) }
    var minimum: Double? { (json["minimum"] as? NSNumber)?.doubleValue }
    var maximum: Double? { (json["maximum"] as? NSNumber)?.doubleValue }
    var minItems: Int? { (json["minItems"] as? NSNumber)?.intValue }
    var pattern: String? { json["pattern"] as? String }
    var oneOf: [CRDSchema] { (json["oneOf"] as? [[String: Any]] ?? []).map(CRDSchema.init(json:)) }
    var anyOf: [CRDSchema] { (json["anyOf"] as? [[String: Any]] ?? []).map(CRDSchema.init(json:)) }

    /// What the schema allows, in a few words, for error messages.
    var summary: String {
        if intOrString { return "an integer or a string" }
        if let enumeration { return "one of " + enumeration.joined(separator: ", ") }
        switch types {
        case "object"?: return "an object"
        case "array"?: return "a list"
        case "integer"?: return "an integer"
        case "number"?: return "a number"
        case "boolean"?: return "a boolean (true or false)"
        case "string"?: return "a string"
        default: return "any value"
        }
    }
}

/// Compiled `pattern`s, compiled the first time a value is checked against them (most patterns in a CRD
/// guard fields a manifest never sets).
enum PatternCache {
    private static let compiled = Mutex<[String: Regex]>([:])

    /// A `Sendable` wrapper: `NSRegularExpression` is immutable and safe to match from any thread.
    struct Regex: @unchecked Sendable {
        let expression: NSRegularExpression?
    }

    /// Whether `text` matches `pattern` somewhere (an uncompilable pattern matches everything).
    static func matches(_ text: String, pattern: String) -> Bool {
        let regex = compiled.withLock { cache -> Regex in
            if let found = cache[pattern] { return found }
            let made = Regex(expression: try? NSRegularExpression(pattern: pattern))
            cache[pattern] = made
            return made
        }
        guard let expression = regex.expression else { return true }
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}

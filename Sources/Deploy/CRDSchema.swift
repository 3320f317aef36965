import Foundation
import Synchronization

/// One node of a CRD's `openAPIV3Schema`: the keywords the Kubernetes API server checks on a structural
/// schema, as far as Strimzi's CRDs use them (`x-kubernetes-validations` CEL rules are not evaluated).
final class CRDSchema: Sendable {
    let types: String?
    let properties: [String: CRDSchema]?
    let required: [String]
    let enumeration: [String]?
    /// `additionalProperties: false` is `.denied`; a schema checks every value; absent is `.absent`.
    let additionalProperties: Additional
    let preservesUnknownFields: Bool
    let intOrString: Bool
    let items: CRDSchema?
    let minimum: Double?
    let maximum: Double?
    let minItems: Int?
    let pattern: String?
    let oneOf: [CRDSchema]
    let anyOf: [CRDSchema]

    enum Additional: Sendable {
        case absent, allowed, denied
        case schema(CRDSchema)
    }

    /// Reads a schema from its JSON object.
    init(json: [String: Any]) {
        types = json["type"] as? String
        properties = (json["properties"] as? [String: Any]).map { values in
            values.compactMapValues { ($0 as? [String: Any]).map(CRDSchema.init(json:)) }
        }
        required = json["required"] as? [String] ?? []
        enumeration = (json["enum"] as? [Any]).map { $0.map { "\($0)" } }
        switch json["additionalProperties"] {
        case let flag as Bool: additionalProperties = flag ? .allowed : .denied
        case let schema as [String: Any]: additionalProperties = .schema(CRDSchema(json: schema))
        default: additionalProperties = .absent
        }
        preservesUnknownFields = json["x-kubernetes-preserve-unknown-fields"] as? Bool ?? false
        intOrString = json["x-kubernetes-int-or-string"] as? Bool ?? false
        items = (json["items"] as? [String: Any]).map(CRDSchema.init(json:))
        minimum = (json["minimum"] as? NSNumber)?.doubleValue
        maximum = (json["maximum"] as? NSNumber)?.doubleValue
        minItems = (json["minItems"] as? NSNumber)?.intValue
        pattern = json["pattern"] as? String
        oneOf = (json["oneOf"] as? [[String: Any]] ?? []).map(CRDSchema.init(json:))
        anyOf = (json["anyOf"] as? [[String: Any]] ?? []).map(CRDSchema.init(json:))
    }

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

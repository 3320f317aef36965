import KafkaSkillModel
/// Checks a JSON value against the subset of JSON Schema the review's answer schemas use:
/// `type` (one or a list), `properties`, `required`, `additionalProperties: false`, `items`,
/// `enum`, `minimum` and `maximum`.
///
/// Providers promise schema-conforming answers, but local servers may not enforce schemas, so every
/// answer is checked again here.
struct JSONSchemaValidator {
    /// The problems found, each as `path: problem`; empty when the value conforms.
    func problems(in value: JSONValue, schema: JSONValue, path: String = "$") -> [String] {
        var problems: [String] = []
        if let types = Self.types(of: schema), !types.contains(where: { Self.value(value, isOfType: $0) }) {
            return ["\(path): expected \(types.joined(separator: " or ")), found \(Self.typeName(of: value))"]
        }
        if let allowed = schema["enum"]?.arrayValue, !allowed.contains(value) {
            problems.append("\(path): \(Self.short(value)) is not one of the allowed values")
        }
        if let minimum = schema["minimum"]?.intValue, let number = value.intValue, number < minimum {
            problems.append("\(path): \(number) is below the minimum \(minimum)")
        }
        if let maximum = schema["maximum"]?.intValue, let number = value.intValue, number > maximum {
            problems.append("\(path): \(number) is above the maximum \(maximum)")
        }
        switch value {
        case .object(let members):
            let properties: [String: JSONValue] = if case .object(let declared)? = schema["properties"] { declared } else { [:] }
            for name in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[name] == nil {
                problems.append("\(path): missing required property '\(name)'")
            }
            for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                if let propertySchema = properties[name] {
                    problems += self.problems(in: member, schema: propertySchema, path: "\(path).\(name)")
                } else if schema["additionalProperties"] == .bool(false) {
                    problems.append("\(path): property '\(name)' is not allowed")
                }
            }
        case .array(let items):
            if let itemSchema = schema["items"] {
                for (index, item) in items.enumerated() {
                    problems += self.problems(in: item, schema: itemSchema, path: "\(path)[\(index)]")
                }
            }
        default:
            break
        }
        return problems
    }

    private static func types(of schema: JSONValue) -> [String]? {
        switch schema["type"] {
        case .string(let type)?: [type]
        case .array(let types)?: types.compactMap(\.stringValue)
        default: nil
        }
    }

    private static func value(_ value: JSONValue, isOfType type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null): true
        case ("integer", _): value.intValue != nil
        case ("number", .int), ("number", .double): true
        default: false
        }
    }

    private static func typeName(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "boolean"
        case .int: "integer"
        case .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    private static func short(_ value: JSONValue) -> String {
        let text = String(decoding: value.encoded(), as: UTF8.self)
        return text.count > 60 ? String(text.prefix(57)) + "..." : text
    }
}

import Foundation
import Yams
import KafkaSkillModel

/// Parses a rule's `check` in the format shared with Review (the ``RuleCheck`` model).
struct RuleCheckParser {
    let reader: SpecReader

    func parse(_ node: Node, context: String) -> RuleCheck? {
        guard let fields = reader.fields(node, context: context, required: [], optional: ["config", "code"]) else { return nil }
        switch (fields.node("config"), fields.node("code")) {
        case (let config?, nil):
            return configCheck(config, context: "\(context).config").map(RuleCheck.config)
        case (nil, let code?):
            return codeCheck(code, context: "\(context).code").map(RuleCheck.code)
        default:
            reader.record(.invalidValue(fields.location, field: context, value: "\(fields.values.count) kinds", expected: "exactly one of config or code"))
            return nil
        }
    }

    private static let predicateKeys = ["equals", "oneOf", "notEquals", "present", "absent"]

    private func configCheck(_ node: Node, context: String) -> ConfigCheck? {
        guard let fields = reader.fields(node, context: context, required: ["role", "key"], optional: Self.predicateKeys + ["when"]),
              let role = fields.choice("role", as: ConfigRole.self)
        else { return nil }
        guard let condition = condition(fields, context: context) else { return nil }
        var when: ConfigCondition?
        if let whenNode = fields.node("when") {
            guard let whenFields = reader.fields(whenNode, context: "\(context).when", required: ["key"], optional: Self.predicateKeys),
                  let parsed = self.condition(whenFields, context: "\(context).when")
            else { return nil }
            when = parsed
        }
        return ConfigCheck(role: role, condition: condition, when: when)
    }

    private func condition(_ fields: Fields, context: String) -> ConfigCondition? {
        guard let key = fields.string("key") else { return nil }
        let given = Self.predicateKeys.filter(fields.has)
        guard given.count == 1, let name = given.first else {
            reader.record(.invalidValue(
                fields.location, field: context, value: given.isEmpty ? "no predicate" : given.joined(separator: " and "),
                expected: "exactly one of \(Self.predicateKeys.joined(separator: ", "))"
            ))
            return nil
        }
        let predicate: ConfigPredicate?
        switch name {
        case "equals": predicate = fields.string("equals").map(ConfigPredicate.equals)
        case "notEquals": predicate = fields.string("notEquals").map(ConfigPredicate.notEquals)
        case "oneOf":
            let values = fields.strings("oneOf")
            predicate = values.isEmpty ? nil : .oneOf(values)
            if values.isEmpty, let node = fields.node("oneOf") {
                reader.record(.invalidValue(reader.location(of: node), field: "\(context).oneOf", value: "[]", expected: "a non-empty list"))
            }
        case "present": predicate = flag(fields, "present", context: context) ? .present : nil
        default: predicate = flag(fields, "absent", context: context) ? .absent : nil
        }
        return predicate.map { ConfigCondition(key: key, predicate: $0) }
    }

    private func flag(_ fields: Fields, _ key: String, context: String) -> Bool {
        guard fields.bool(key, default: false) else {
            if let node = fields.node(key) {
                reader.record(.invalidValue(reader.location(of: node), field: "\(context).\(key)", value: node.scalar?.string ?? "", expected: "true"))
            }
            return false
        }
        return true
    }

    private func codeCheck(_ node: Node, context: String) -> CodeCheck? {
        guard let fields = reader.fields(node, context: context, required: ["message"], optional: ["forbid", "require", "when", "fix"]) else {
            return nil
        }
        let pattern: CodeCheck.Pattern?
        switch (fields.string("forbid"), fields.string("require")) {
        case (let regex?, nil): pattern = .forbid(regex)
        case (nil, let regex?): pattern = .require(regex)
        default:
            reader.record(.invalidValue(fields.location, field: context, value: "forbid/require", expected: "exactly one of forbid or require"))
            pattern = nil
        }
        let when = fields.string("when")
        var regexes: [(key: String, regex: String)] = []
        if let pattern { regexes.append((isRequire(pattern) ? "require" : "forbid", pattern.regex)) }
        if let when { regexes.append(("when", when)) }
        for (key, regex) in regexes where (try? NSRegularExpression(pattern: regex)) == nil {
            let location = fields.node(key).map(reader.location(of:)) ?? fields.location
            reader.record(.invalidValue(location, field: "\(context).\(key)", value: regex, expected: "a valid regular expression (NSRegularExpression syntax)"))
            return nil
        }
        guard let pattern, let message = fields.string("message") else { return nil }
        return CodeCheck(pattern: pattern, when: when, message: message, fix: fields.string("fix"))
    }

    private func isRequire(_ pattern: CodeCheck.Pattern) -> Bool {
        if case .require = pattern { return true }
        return false
    }
}

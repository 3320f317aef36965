public import Foundation
import Yams
import KafkaSkillModel

/// Reads the `rules:` of every lesson spec in a folder.
///
/// Only the rules are read; other keys are ignored because SkillKit owns the lesson model and its
/// validation. Every problem is reported at its `file:line:column`.
public struct ReviewRuleLoader: Sendable {
    /// Creates a loader.
    public init() {}

    /// Loads the rules of every `*.yaml` file directly inside a folder, in file-name order.
    /// - Parameter directory: The lessons folder.
    /// - Returns: The rules, in file order and then in the order they are declared.
    /// - Throws: ``ReviewError`` when a file cannot be read, is not valid YAML, declares an invalid
    ///   rule or repeats an id.
    public func loadRules(fromDirectory directory: URL) throws -> [ReviewRule] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw ReviewError.unreadable(path: directory.path, reason: error.localizedDescription)
        }
        var rules: [ReviewRule] = []
        var firstSeen: [String: SourceLocation] = [:]
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let file = directory.appendingPathComponent(name)
            for rule in try loadRules(fromFile: file) {
                if let first = firstSeen[rule.id] {
                    throw ReviewError.duplicateRuleID(rule.id, rule.location, first: first)
                }
                firstSeen[rule.id] = rule.location
                rules.append(rule)
            }
        }
        return rules
    }

    /// Loads the rules of one lesson file.
    /// - Parameter file: The lesson file.
    /// - Returns: The rules in the order they are declared; empty when the file has no `rules:`.
    /// - Throws: ``ReviewError`` when the file cannot be read, is not valid YAML or declares an
    ///   invalid rule.
    public func loadRules(fromFile file: URL) throws -> [ReviewRule] {
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw ReviewError.unreadable(path: file.path, reason: error.localizedDescription)
        }
        return try rules(inYAML: text, path: file.path)
    }

    /// Parses the rules out of a lesson file's text.
    /// - Parameters:
    ///   - text: The lesson file's YAML.
    ///   - path: The path used in error locations.
    /// - Returns: The rules in the order they are declared.
    /// - Throws: ``ReviewError`` when the text is not valid YAML or declares an invalid rule.
    public func rules(inYAML text: String, path: String) throws -> [ReviewRule] {
        let reader = YAMLFieldReader(path: path)
        guard let root = try reader.compose(text) else { return [] }
        guard let mapping = root.mapping else {
            throw ReviewError.invalidRule(reader.location(of: root), field: "(document)", problem: "a lesson file must be a mapping")
        }
        guard let rulesNode = mapping["rules"] else { return [] }
        guard let sequence = rulesNode.sequence else {
            throw ReviewError.invalidRule(reader.location(of: rulesNode), field: "rules", problem: "must be a list of rules")
        }
        return try sequence.map { try parseRule($0, reader: reader) }
    }

    private func parseRule(_ node: Node, reader: YAMLFieldReader) throws -> ReviewRule {
        guard let mapping = node.mapping else {
            throw ReviewError.invalidRule(reader.location(of: node), field: "rules[]", problem: "each rule must be a mapping with id, rule, why and severity")
        }
        let id = try reader.requiredString("id", in: mapping, at: node)
        guard id.range(of: #"^[a-z0-9]+(-[a-z0-9]+)*$"#, options: .regularExpression) != nil else {
            throw ReviewError.invalidRule(reader.location(of: mapping["id"] ?? node), field: "id", problem: "'\(id)' is not kebab-case")
        }
        let severityText = try reader.requiredString("severity", in: mapping, at: node)
        guard let severity = Severity(rawValue: severityText) else {
            throw ReviewError.invalidRule(reader.location(of: mapping["severity"] ?? node), field: "severity", problem: "'\(severityText)' is not one of error, warning, info")
        }
        return ReviewRule(
            id: id,
            rule: try reader.requiredString("rule", in: mapping, at: node),
            why: try reader.requiredString("why", in: mapping, at: node),
            severity: severity,
            check: try mapping["check"].map { try parseCheck($0, reader: reader) },
            location: reader.location(of: node)
        )
    }

    private func parseCheck(_ node: Node, reader: YAMLFieldReader) throws -> RuleCheck {
        guard let mapping = node.mapping else {
            throw ReviewError.invalidRule(reader.location(of: node), field: "check", problem: "must be a mapping with either 'config' or 'code'")
        }
        switch (mapping["config"], mapping["code"]) {
        case (let config?, nil):
            return .config(try parseConfigCheck(config, reader: reader))
        case (nil, let code?):
            return .code(try parseCodeCheck(code, reader: reader))
        default:
            throw ReviewError.invalidRule(reader.location(of: node), field: "check", problem: "needs exactly one of 'config' or 'code'")
        }
    }

    private func parseConfigCheck(_ node: Node, reader: YAMLFieldReader) throws -> ConfigCheck {
        guard let mapping = node.mapping else {
            throw ReviewError.invalidRule(reader.location(of: node), field: "check.config", problem: "must be a mapping with role, key and a condition")
        }
        var role = ConfigCheck.Role.any
        if let roleNode = mapping["role"] {
            let text = try reader.string(roleNode, field: "check.config.role")
            guard let parsed = ConfigCheck.Role(rawValue: text) else {
                throw ReviewError.invalidRule(reader.location(of: roleNode), field: "check.config.role", problem: "'\(text)' is not one of producer, consumer, any")
            }
            role = parsed
        }
        let when = try mapping["when"].map { whenNode -> ConfigCheck.Precondition in
            guard let whenMapping = whenNode.mapping else {
                throw ReviewError.invalidRule(reader.location(of: whenNode), field: "check.config.when", problem: "must be a mapping with key and a condition")
            }
            return ConfigCheck.Precondition(
                key: try reader.requiredString("key", in: whenMapping, at: whenNode, prefix: "check.config.when."),
                condition: try parseCondition(whenMapping, at: whenNode, field: "check.config.when", reader: reader)
            )
        }
        return ConfigCheck(
            role: role,
            key: try reader.requiredString("key", in: mapping, at: node, prefix: "check.config."),
            condition: try parseCondition(mapping, at: node, field: "check.config", reader: reader),
            when: when
        )
    }

    private func parseCondition(_ mapping: Node.Mapping, at node: Node, field: String, reader: YAMLFieldReader) throws -> ValueCondition {
        let names = ["equals", "oneOf", "notEquals", "present", "absent"]
        let given = names.filter { mapping[$0] != nil }
        guard given.count == 1, let name = given.first, let value = mapping[name] else {
            throw ReviewError.invalidRule(reader.location(of: node), field: field, problem: "needs exactly one of equals, oneOf, notEquals, present: true, absent: true")
        }
        switch name {
        case "equals":
            return .equals(try reader.string(value, field: "\(field).equals"))
        case "notEquals":
            return .notEquals(try reader.string(value, field: "\(field).notEquals"))
        case "oneOf":
            guard let items = value.sequence, !items.isEmpty else {
                throw ReviewError.invalidRule(reader.location(of: value), field: "\(field).oneOf", problem: "must be a non-empty list of values")
            }
            return .oneOf(try items.map { try reader.string($0, field: "\(field).oneOf[]") })
        default:
            guard value.bool == true else {
                throw ReviewError.invalidRule(reader.location(of: value), field: "\(field).\(name)", problem: "must be 'true'")
            }
            return name == "present" ? .present : .absent
        }
    }

    private func parseCodeCheck(_ node: Node, reader: YAMLFieldReader) throws -> CodeCheck {
        guard let mapping = node.mapping else {
            throw ReviewError.invalidRule(reader.location(of: node), field: "check.code", problem: "must be a mapping with 'forbid' or 'require'")
        }
        let kind: CodeCheck.Kind
        switch (mapping["forbid"], mapping["require"]) {
        case (let forbid?, nil):
            kind = .forbid(try reader.pattern(forbid, field: "check.code.forbid"))
        case (nil, let require?):
            kind = .require(try reader.pattern(require, field: "check.code.require"))
        default:
            throw ReviewError.invalidRule(reader.location(of: node), field: "check.code", problem: "needs exactly one of 'forbid' or 'require'")
        }
        return CodeCheck(
            kind: kind,
            when: try mapping["when"].map { try reader.pattern($0, field: "check.code.when") },
            message: try mapping["message"].map { try reader.string($0, field: "check.code.message") },
            fix: try mapping["fix"].map { try reader.string($0, field: "check.code.fix") }
        )
    }
}

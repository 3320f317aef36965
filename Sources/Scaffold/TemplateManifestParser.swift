import Foundation
import Yams
import KafkaSkillModel

/// Reads `template.yaml` into a ``TemplateManifest``, recording every problem with its position.
struct TemplateManifestParser {
    let reader: DocumentReader
    let folder: URL

    func parse(_ root: Node) -> TemplateManifest? {
        guard let fields = reader.fields(
            root, context: "the template manifest", required: ["id", "version", "description", "roles", "files"],
            optional: ["parameters"])
        else { return nil }
        let id = fields["id"].flatMap { reader.string($0, field: "id") }
        let version = fields["version"].flatMap {
            reader.string($0, field: "version", matching: Self.isVersion, expected: "a version like 1.0.0")
        }
        let description = fields["description"].flatMap { reader.string($0, field: "description") }
        let roles = fields["roles"].flatMap { reader.list($0, field: "roles") }?.compactMap {
            reader.choice($0, field: "roles", as: ServiceRole.self)
        }
        let parameters = fields["parameters"].map(parameters) ?? []
        let files = fields["files"].map { self.files($0, parameterNames: Set(parameters.map(\.name))) } ?? []
        guard let id, let version, let description, let roles else { return nil }
        return TemplateManifest(
            id: id, version: version, description: description, roles: roles, parameters: parameters, files: files,
            directory: folder, manifestPath: reader.file)
    }

    private func parameters(_ node: Node) -> [TemplateParameter] {
        guard let items = reader.list(node, field: "parameters") else { return [] }
        var names: Set<String> = []
        return items.enumerated().compactMap { index, item in
            let context = "parameters[\(index)]"
            guard let fields = reader.fields(
                item, context: context, required: ["name", "type", "description"],
                optional: ["default", "pattern", "minimum", "maximum", "choices"]),
                let nameNode = fields["name"],
                let name = reader.string(nameNode, field: "\(context).name"),
                let typeNode = fields["type"], let type = reader.string(typeNode, field: "\(context).type"),
                let description = fields["description"].flatMap({ reader.string($0, field: "\(context).description") })
            else { return nil }
            if ServiceModel.keys.contains(name) {
                reader.record(.invalidValue(
                    reader.location(of: nameNode), field: "\(context).name", value: name,
                    expected: "a name that is not a model value (\(ServiceModel.keys.sorted().joined(separator: ", ")))"))
                return nil
            }
            guard names.insert(name).inserted else {
                reader.record(.invalidValue(reader.location(of: nameNode), field: "\(context).name", value: name, expected: "a name not declared before"))
                return nil
            }
            let allowed: [String: [String]] = [
                "string": ["pattern"], "int": ["minimum", "maximum"], "bool": [], "choice": ["choices"],
            ]
            guard let rules = allowed[type] else {
                reader.record(.invalidValue(reader.location(of: typeNode), field: "\(context).type", value: type, expected: "one of bool, choice, int, string"))
                return nil
            }
            for key in ["pattern", "minimum", "maximum", "choices"] where fields[key] != nil && !rules.contains(key) {
                reader.record(.unknownKey(
                    reader.location(of: fields.keyNodes[key] ?? item), key: key, context: "\(context) of type \(type)",
                    allowed: ["name", "type", "description", "default"] + rules))
            }
            guard let kind = kind(type, fields: fields, context: context) else { return nil }
            var parameter = TemplateParameter(name: name, description: description, kind: kind, defaultValue: nil)
            if let defaultNode = fields["default"] {
                guard let value = value(defaultNode, for: kind, field: "\(context).default") else { return nil }
                if let problem = parameter.problem(with: value) {
                    reader.record(.invalidValue(reader.location(of: defaultNode), field: "\(context).default", value: value.description, expected: problem))
                    return nil
                }
                parameter.defaultValue = value
            }
            return parameter
        }
    }

    private func kind(_ type: String, fields: DocumentReader.Fields, context: String) -> TemplateParameter.Kind? {
        switch type {
        case "string":
            guard let node = fields["pattern"] else { return .string(pattern: nil) }
            guard let pattern = reader.string(node, field: "\(context).pattern") else { return nil }
            guard (try? Regex(pattern)) != nil else {
                reader.record(.invalidValue(reader.location(of: node), field: "\(context).pattern", value: pattern, expected: "a regular expression"))
                return nil
            }
            return .string(pattern: pattern)
        case "int":
            let range = Int.min...Int.max
            return .int(
                minimum: fields["minimum"].flatMap { reader.int($0, field: "\(context).minimum", in: range) },
                maximum: fields["maximum"].flatMap { reader.int($0, field: "\(context).maximum", in: range) })
        case "bool":
            return .bool
        default:
            guard let node = fields["choices"] else {
                reader.record(.missingKey(reader.location(of: fields.node), key: "choices", context: "\(context) of type choice"))
                return nil
            }
            let choices = reader.list(node, field: "\(context).choices")?.compactMap { reader.string($0, field: "\(context).choices") } ?? []
            guard !choices.isEmpty else {
                reader.record(.invalidValue(reader.location(of: node), field: "\(context).choices", value: "[]", expected: "at least one choice"))
                return nil
            }
            return .choice(choices)
        }
    }

    private func value(_ node: Node, for kind: TemplateParameter.Kind, field: String) -> TemplateValue? {
        switch kind {
        case .string, .choice: return reader.string(node, field: field).map(TemplateValue.string)
        case .int: return reader.int(node, field: field, in: Int.min...Int.max).map(TemplateValue.int)
        case .bool: return reader.bool(node, field: field).map(TemplateValue.bool)
        }
    }

    private func files(_ node: Node, parameterNames: Set<String>) -> [TemplateFile] {
        guard let items = reader.list(node, field: "files") else { return [] }
        // Entries may share an output only when each has a `when:`: alternatives, such as one body per
        // delivery guarantee. Rendering still refuses a path two of them write.
        var outputs: [String: (location: SourceLocation, conditional: Bool)] = [:]
        return items.enumerated().compactMap { index, item in
            let context = "files[\(index)]"
            guard let fields = reader.fields(item, context: context, required: ["output"], optional: ["template", "shared", "when"]),
                let outputNode = fields["output"], let output = reader.string(outputNode, field: "\(context).output")
            else { return nil }
            let location = reader.location(of: item)
            let source: TemplateFile.Source
            switch (fields["template"], fields["shared"]) {
            case (let node?, nil):
                guard let path = reader.string(node, field: "\(context).template"), checkSource(path, node: node, field: "\(context).template") else { return nil }
                source = .template(path)
            case (nil, let node?):
                guard let path = reader.string(node, field: "\(context).shared"), checkSource(path, node: node, field: "\(context).shared") else { return nil }
                source = .shared(path)
            default:
                reader.record(.invalidValue(location, field: context, value: "\(fields.keys)", expected: "exactly one of 'template' (a body beside template.yaml) or 'shared' (a body in templates/_shared)"))
                return nil
            }
            if let problem = OutputPath.patternProblem(with: output) {
                reader.record(.unsafeOutputPath(reader.location(of: outputNode), path: output, reason: problem))
                return nil
            }
            if let first = outputs[output], !(first.conditional && fields["when"] != nil) {
                reader.record(.invalidValue(
                    reader.location(of: outputNode), field: "\(context).output", value: output,
                    expected: "a path no other file writes, unless both have a 'when:' (also written by the entry at \(first.location))"))
                return nil
            }
            outputs[output] = (location, fields["when"] != nil)
            var condition: TemplateCondition?
            if let whenNode = fields["when"], let text = reader.string(whenNode, field: "\(context).when") {
                guard let parsed = TemplateCondition(text) else {
                    reader.record(.invalidValue(reader.location(of: whenNode), field: "\(context).when", value: text, expected: "NAME, !NAME, NAME == VALUE or NAME != VALUE"))
                    return nil
                }
                guard ServiceModel.keys.contains(parsed.name) || parameterNames.contains(parsed.name) else {
                    reader.record(.invalidValue(
                        reader.location(of: whenNode), field: "\(context).when", value: text,
                        expected: "a condition on a parameter (\(parameterNames.sorted().joined(separator: ", "))) or a model value (\(ServiceModel.keys.sorted().joined(separator: ", ")))"))
                    return nil
                }
                condition = parsed
            }
            return TemplateFile(source: source, output: output, condition: condition, location: location)
        }
    }

    /// A body path must stay inside its folder, like an output path.
    private func checkSource(_ path: String, node: Node, field: String) -> Bool {
        guard let problem = OutputPath.problem(with: path) else { return true }
        reader.record(.invalidValue(reader.location(of: node), field: field, value: path, expected: "a relative path inside the template's folder (\(problem))"))
        return false
    }

    private static func isVersion(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }
}

import Foundation
import Yams

/// What a scaffold records in the project (`.kafka-skill-answers.yaml`): the template and version that made
/// it, the spec it came from and the parameters it used, and a SHA-256 of every file it wrote. With the
/// previous renders under `.kafka-skill/base/`, regeneration can merge instead of overwrite.
struct AnswersFile {
    var templateID: String
    var templateVersion: String
    /// The spec's path as it was given on the command line.
    var source: String
    var parameters: [String: TemplateValue]
    /// The KafkaSkill package by URL, when the scaffold was asked for one (`--package-url`); `nil` for a path.
    var kafkaPackage: KafkaPackageReference?
    /// The spec, in the spec format.
    var spec: Node
    /// File fingerprints by project path.
    var files: [String: String]

    static let header = """
        # Written by `kafka-skill scaffold`. Regeneration reads it to merge your edits with the new render:
        # do not edit it by hand.

        """

    /// The file's text.
    func text() -> String {
        let parameterPairs = parameters.sorted { $0.key < $1.key }.map { (Node($0.key), Self.node($0.value)) }
        let filePairs = files.sorted { $0.key < $1.key }.map { (Node($0.key), Node($0.value)) }
        let root: Node = .mapping(Node.Mapping([
            ("template", .mapping(Node.Mapping([("id", Node(templateID)), ("version", Node(templateVersion))]))),
            ("source", Node(source)),
            ("parameters", .mapping(Node.Mapping(parameterPairs))),
        ] + Self.packagePairs(kafkaPackage) + [
            ("spec", spec),
            ("files", .mapping(Node.Mapping(filePairs))),
        ]))
        let body = (try? Yams.serialize(node: root, sortKeys: false)) ?? ""
        return Self.header + body
    }

    /// Reads the answers file at `url`.
    /// - Throws: ``ScaffoldError`` when it is unreadable or malformed.
    static func read(_ url: URL) throws(ScaffoldError) -> (answers: AnswersFile, reader: DocumentReader) {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .fileSystem(path: url.path, operation: "read the answers file", reason: error.localizedDescription)
        }
        let reader = DocumentReader(file: url.path)
        guard let root = reader.compose(text),
            let fields = reader.fields(
                root, context: "the answers file", required: ["template", "source", "parameters", "spec", "files"],
                optional: ["package"]),
            let template = fields["template"].flatMap({ reader.fields($0, context: "template", required: ["id", "version"]) }),
            let id = template["id"].flatMap({ reader.string($0, field: "template.id") }),
            let version = template["version"].flatMap({ reader.string($0, field: "template.version") }),
            let source = fields["source"].flatMap({ reader.string($0, field: "source") }),
            let parameterFields = fields["parameters"].flatMap({ reader.fields($0, context: "parameters", anyKeys: true) }),
            let spec = fields["spec"],
            let fileFields = fields["files"].flatMap({ reader.fields($0, context: "files", anyKeys: true) })
        else {
            throw .combining(reader.errors)
        }
        var parameters: [String: TemplateValue] = [:]
        for key in parameterFields.keys {
            if let node = parameterFields[key], let text = reader.string(node, field: "parameters.\(key)") {
                parameters[key] = Int(text).map(TemplateValue.int) ?? (text == "true" || text == "false" ? .bool(text == "true") : .string(text))
            }
        }
        var kafkaPackage: KafkaPackageReference?
        if let packageNode = fields["package"],
            let package = reader.fields(packageNode, context: "package", required: ["url"], optional: ["version", "branch"]),
            let url = package["url"].flatMap({ reader.string($0, field: "package.url") })
        {
            if let version = package["version"].flatMap({ reader.string($0, field: "package.version") }) {
                kafkaPackage = .version(url: url, version: version)
            } else if let branch = package["branch"].flatMap({ reader.string($0, field: "package.branch") }) {
                kafkaPackage = .branch(url: url, branch: branch)
            }
        }
        var files: [String: String] = [:]
        for key in fileFields.keys {
            if let node = fileFields[key], let digest = reader.string(node, field: "files.\(key)") { files[key] = digest }
        }
        guard reader.errors.isEmpty else { throw .combining(reader.errors) }
        let answers = AnswersFile(
            templateID: id, templateVersion: version, source: source, parameters: parameters, kafkaPackage: kafkaPackage,
            spec: spec, files: files)
        return (answers, reader)
    }

    private static func packagePairs(_ reference: KafkaPackageReference?) -> [(Node, Node)] {
        let pairs: [(String, String)]
        switch reference {
        case .version(let url, let version)?: pairs = [("url", url), ("version", version)]
        case .branch(let url, let branch)?: pairs = [("url", url), ("branch", branch)]
        case .path?, nil: return []
        }
        return [(Node("package"), .mapping(Node.Mapping(pairs.map { (Node($0.0), Node($0.1, Tag(.str))) })))]
    }

    private static func node(_ value: TemplateValue) -> Node {
        switch value {
        case .string(let text): return Node(text, Tag(.str))
        default: return Node(value.description)
        }
    }
}

public import Foundation
import Synchronization
import Yams

/// The `openAPIV3Schema`s of Strimzi's CRDs shipped with the tool (Apache License 2.0, see
/// `Resources/strimzi/NOTICE`): Strimzi 0.48.0 for `kafka.strimzi.io/v1beta2` and 1.2.0 for
/// `kafka.strimzi.io/v1`, for Kafka, KafkaNodePool, KafkaTopic, KafkaUser, KafkaConnect and KafkaConnector.
package enum StrimziSchemas {
    /// The Strimzi release whose schemas check each API version.
    package static let releases = ["kafka.strimzi.io/v1beta2": "0.48.0", "kafka.strimzi.io/v1": "1.2.0"]
    /// The kinds with a shipped schema.
    package static let kinds = ["Kafka", "KafkaConnect", "KafkaConnector", "KafkaNodePool", "KafkaTopic", "KafkaUser"]

    private static let cache = Mutex<[String: CRDSchema]>([:])

    /// The schema of `kind` at `apiVersion`.
    /// - Throws: ``DeployError`` with `.schema` when the API version or kind has no shipped schema.
    static func schema(apiVersion: String, kind: String) throws(DeployError) -> CRDSchema {
        guard let release = releases[apiVersion] else {
            throw DeployError(.schema, "apiVersion \(apiVersion) has no bundled schema; use kafka.strimzi.io/v1 (Strimzi 0.49 and later, the only one from 1.0) or kafka.strimzi.io/v1beta2 (up to 0.51)")
        }
        guard kinds.contains(kind) else {
            throw DeployError(.schema, "kind \(kind) has no bundled schema; bundled: \(kinds.joined(separator: ", "))")
        }
        let key = "\(release)/\(kind)"
        if let cached = cache.withLock({ $0[key] }) { return cached }
        guard let url = Bundle.module.url(forResource: kind, withExtension: "json", subdirectory: "strimzi/\(release)"),
            let data = try? Data(contentsOf: url),
            let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else {
            throw DeployError(.schema, "the bundled schema strimzi/\(release)/\(kind).json is missing or unreadable; reinstall kafka-skill")
        }
        let schema = CRDSchema(json: json)
        cache.withLock { $0[key] = schema }
        return schema
    }
}

/// Checks Strimzi custom resources in YAML files against the CRD schema of the API version each declares.
public struct StrimziValidator: Sendable {
    /// Creates a validator.
    public init() {}

    /// The problems in one YAML stream; documents whose `apiVersion` is not in the `kafka.strimzi.io` group
    /// (ConfigMaps, Deployments, …) are skipped.
    /// - Parameters:
    ///   - text: The YAML, one or more documents.
    ///   - file: How problems name the file.
    public func problems(inYAML text: String, file: String) -> [SchemaProblem] {
        let documents: [Node]
        do {
            documents = Array(try Yams.compose_all(yaml: text))
        } catch {
            return [SchemaProblem(file: file, line: 0, column: 0, path: "", message: "not valid YAML: \(error)")]
        }
        var problems: [SchemaProblem] = []
        for document in documents {
            guard case .mapping(let mapping) = document,
                let apiVersion = mapping["apiVersion"]?.string, apiVersion.hasPrefix("kafka.strimzi.io/")
            else { continue }
            let kind = mapping["kind"]?.string ?? ""
            let mark = document.mark
            let schema: CRDSchema
            do throws(DeployError) {
                schema = try StrimziSchemas.schema(apiVersion: apiVersion, kind: kind)
            } catch {
                problems.append(SchemaProblem(file: file, line: mark?.line ?? 0, column: mark?.column ?? 0, path: kind.isEmpty ? "kind" : "apiVersion", message: error.message))
                continue
            }
            var validator = CRDValidator(file: file)
            if mapping["metadata"]?["name"]?.string == nil {
                problems.append(SchemaProblem(file: file, line: mark?.line ?? 0, column: mark?.column ?? 0, path: "metadata.name", message: "the required field name is missing; every resource needs metadata.name"))
            }
            validator.validate(document, against: schema, path: "")
            problems += validator.problems
        }
        return problems
    }

    /// The problems in every `.yaml`/`.yml` file under `directory` (recursively), sorted by file and line.
    /// - Parameter displayPrefix: How file names start in problems (default: the directory's path).
    public func problems(inDirectory directory: URL, displayPrefix: String? = nil) -> [SchemaProblem] {
        let prefix = displayPrefix ?? directory.path
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [] }
        var problems: [SchemaProblem] = []
        var files: [URL] = []
        for case let url as URL in enumerator where ["yaml", "yml"].contains(url.pathExtension) { files.append(url) }
        for url in files.sorted(by: { $0.path < $1.path }) {
            let relative = String(url.standardizedFileURL.path.dropFirst(directory.standardizedFileURL.path.count))
            let name = prefix + (relative.hasPrefix("/") ? relative : "/" + relative)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                problems.append(SchemaProblem(file: name, line: 0, column: 0, path: "", message: "could not read the file"))
                continue
            }
            problems += self.problems(inYAML: text, file: name)
        }
        return problems
    }
}

extension StrimziValidator {
    /// The problems in the YAML files under each folder; a folder that does not exist has none.
    public func problems(inFolders folders: [String]) -> [SchemaProblem] {
        folders.flatMap { problems(inDirectory: URL(fileURLWithPath: $0), displayPrefix: $0) }
    }
}

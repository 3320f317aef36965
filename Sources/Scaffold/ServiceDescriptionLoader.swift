import Foundation
import Yams

/// Reads what a scaffold starts from: a service spec, or an AsyncAPI 3 document (recognised by its
/// top-level `asyncapi` key), in YAML or JSON.
enum ServiceDescriptionLoader {
    static func load(_ url: URL, displayPath: String) throws(ScaffoldError) -> LoadedSpec {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .fileSystem(path: displayPath, operation: "read", reason: FileReadProblem.reason(url))
        }
        let reader = DocumentReader(file: displayPath)
        guard let root = reader.compose(text) else { throw .combining(reader.errors) }
        let base = url.deletingLastPathComponent()
        if case .mapping(let mapping) = root, mapping["asyncapi"] != nil {
            return try AsyncAPIImporter().import(root, reader: reader, baseDirectory: base)
        }
        return try ServiceSpecLoader().load(root, reader: reader, baseDirectory: base)
    }
}

public import Foundation
import Mustache
import Yams
import KafkaSkillModel

/// The templates in a folder (`templates/`): one sub-folder per template, plus `_shared/` for bodies and
/// `_shared/partials/` for Mustache partials that several templates use.
public struct TemplateLibrary: Sendable {
    /// The templates folder.
    public var directory: URL

    /// Creates a library over `directory`.
    public init(directory: URL) {
        self.directory = directory
    }

    /// The ids of the templates in the folder, sorted.
    public func templateIDs() -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return entries.filter { entry in
            !entry.hasPrefix("_") && !entry.hasPrefix(".")
                && FileManager.default.fileExists(atPath: directory.appendingPathComponent(entry).appendingPathComponent("template.yaml").path)
        }.sorted()
    }

    /// Reads and checks every manifest (not the bodies).
    /// - Throws: ``ScaffoldError`` for a malformed manifest.
    public func manifests() throws(ScaffoldError) -> [TemplateManifest] {
        var manifests: [TemplateManifest] = []
        for id in templateIDs() { manifests.append(try manifest(id: id)) }
        return manifests
    }

    /// The template to use for a role: the one named, or the only one that generates the role.
    /// - Throws: ``ScaffoldError`` when the named template is missing or generates another role.
    public func manifest(for role: ServiceRole, named name: String?) throws(ScaffoldError) -> TemplateManifest {
        if let name {
            guard templateIDs().contains(name) else { throw .templateNotFound(name: name, available: templateIDs()) }
            let manifest = try manifest(id: name)
            guard manifest.roles.contains(role) else {
                throw .templateRoleMismatch(template: name, role: role.rawValue, supported: manifest.roles.map(\.rawValue))
            }
            return manifest
        }
        let candidates = try manifests().filter { $0.roles.contains(role) }
        guard candidates.count == 1, let manifest = candidates.first else {
            throw .templateNotFound(
                name: "for role \(role.rawValue)" + (candidates.isEmpty ? "" : " (several match; choose one with --template)"),
                available: candidates.isEmpty ? templateIDs() : candidates.map(\.id))
        }
        return manifest
    }

    /// Reads and checks one manifest.
    /// - Throws: ``ScaffoldError`` naming file:line:column of each problem.
    public func manifest(id: String) throws(ScaffoldError) -> TemplateManifest {
        let folder = directory.appendingPathComponent(id)
        let url = folder.appendingPathComponent("template.yaml")
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .fileSystem(path: url.path, operation: "read the template manifest", reason: error.localizedDescription)
        }
        let reader = DocumentReader(file: url.path)
        guard let root = reader.compose(text) else { throw .combining(reader.errors) }
        let manifest = TemplateManifestParser(reader: reader, folder: folder).parse(root)
        guard reader.errors.isEmpty, let manifest else { throw .combining(reader.errors) }
        guard manifest.id == id else {
            throw .invalidValue(
                reader.location(of: root), field: "id", value: manifest.id, expected: "'\(id)', the name of the template's folder")
        }
        return manifest
    }

    /// Reads a template's bodies and partials and parses them.
    /// - Throws: ``ScaffoldError`` for a missing body or a Mustache syntax error, with its position.
    func load(_ manifest: TemplateManifest) throws(ScaffoldError) -> LoadedTemplate {
        var errors: [ScaffoldError] = []
        var files: [LoadedTemplate.File] = []
        for file in manifest.files {
            let url: URL
            switch file.source {
            case .template(let path): url = manifest.directory.appendingPathComponent(path)
            case .shared(let path): url = directory.appendingPathComponent("_shared").appendingPathComponent(path)
            }
            do {
                let body = try Self.parse(contentsOf: url)
                let output = try Self.parse(file.output, file: file.location.file, line: max(file.location.line, 1))
                files.append(LoadedTemplate.File(file: file, body: body, output: output))
            } catch {
                errors.append(error)
            }
        }
        var partials: [String: MustacheTemplate] = [:]
        let partialsFolder = directory.appendingPathComponent("_shared").appendingPathComponent("partials")
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: partialsFolder.path)) ?? [] where entry.hasSuffix(".mustache") {
            do {
                partials[String(entry.dropLast(".mustache".count))] = try Self.parse(contentsOf: partialsFolder.appendingPathComponent(entry))
            } catch {
                errors.append(error)
            }
        }
        guard errors.isEmpty else { throw .combining(errors) }
        return LoadedTemplate(manifest: manifest, files: files, library: MustacheLibrary(templates: partials))
    }

    /// Generated files are code and text, not HTML: values are inserted as they are. On a line of its own,
    /// so that a section opening the body's first line is standalone too.
    private static let textPragma = "{{% CONTENT_TYPE: TEXT}}\n"

    private static func parse(contentsOf url: URL) throws(ScaffoldError) -> MustacheTemplate {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .fileSystem(path: url.path, operation: "read the template body", reason: error.localizedDescription)
        }
        return try parse(text, file: url.path, line: 1)
    }

    private static func parse(_ text: String, file: String, line: Int) throws(ScaffoldError) -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: textPragma + text)
        } catch let error as MustacheTemplate.ParserError {
            let row = max(1, error.context.lineNumber - 1)
            throw .templateSyntax(
                SourceLocation(file: file, line: line + row - 1, column: error.context.columnNumber),
                problem: String(describing: error.error))
        } catch {
            throw .templateSyntax(SourceLocation(file: file, line: line), problem: String(describing: error))
        }
    }
}

/// A template whose bodies are parsed and ready to render.
struct LoadedTemplate: Sendable {
    struct File: Sendable {
        var file: TemplateFile
        var body: MustacheTemplate
        var output: MustacheTemplate
    }

    var manifest: TemplateManifest
    var files: [File]
    var library: MustacheLibrary
}

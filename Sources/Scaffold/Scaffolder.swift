import Foundation

/// Scaffolds Swift Kafka services: reads a spec (or AsyncAPI 3 document), renders a template, and plans
/// and writes the project, merging with a previous scaffold so that your edits survive.
///
/// ```swift
/// let scaffolder = Scaffolder(environment: environment)
/// let plan = try scaffolder.plan(ScaffoldRequest(specURL: spec, outputDirectory: out))
/// print(plan.files.map { "\($0.action.rawValue) \($0.path)" })   // what --dry-run shows
/// let result = try scaffolder.apply(plan)
/// ```
///
/// Regeneration is a three-way merge per file: the base is the previous render (kept under
/// `.kafka-skill/base/`, or rendered again from the answers file), "yours" is the file on disk, "theirs"
/// is the new render. Files you did not edit are replaced; edited ones are merged; where both changed the
/// same lines, conflict markers are written and ``ScaffoldPlan/conflictCount`` says how many.
public struct Scaffolder: Sendable {
    /// Where templates, presets and the Kafka package are.
    public var environment: ScaffoldEnvironment

    /// Creates a scaffolder.
    public init(environment: ScaffoldEnvironment) {
        self.environment = environment
    }

    /// Works out what a scaffold does, without writing anything.
    /// - Throws: ``ScaffoldError`` for an invalid spec, a broken template, an unsafe path, a non-empty
    ///   folder that holds no previous scaffold (unless ``ScaffoldRequest/force``), or a previous scaffold
    ///   whose conflict markers are not resolved yet.
    public func plan(_ request: ScaffoldRequest) throws(ScaffoldError) -> ScaffoldPlan {
        let loaded = try ServiceDescriptionLoader.load(request.specURL, displayPath: request.specDisplayPath)
        let output = request.outputDirectory.standardizedFileURL
        let state = try ProjectState(directory: output)
        let kafkaPackage: KafkaPackageReference
        if let given = request.kafkaPackage ?? state.previous?.answers.kafkaPackage {
            kafkaPackage = given
        } else if let path = request.kafkaPackagePath {
            kafkaPackage = .path(path)
        } else {
            kafkaPackage = .path(try kafkaPackagePath(for: output))
        }
        let library = TemplateLibrary(directory: environment.templatesDirectory)
        let manifest = try library.manifest(for: loaded.spec.role, named: request.templateName)
        let template = try library.load(manifest)
        let presets = try PresetCatalog(directory: environment.presetsDirectory)
        let (render, parameters) = try Self.render(loaded, template: template, presets: presets, kafkaPackage: kafkaPackage)

        var files: [PlannedFile]
        var staleBases: [String] = []
        if let previous = state.previous {
            var marked: [String] = []
            for path in Set(render.map(\.path)).union(previous.answers.files.keys).sorted() {
                if let text = try state.current(path), ThreeWayMerge.hasConflictMarkers(text) { marked.append(path) }
            }
            guard marked.isEmpty else { throw .unresolvedConflicts(path: output.path, files: marked) }
            let bases = BaseRenders(
                state: state, previous: previous, template: template, presets: presets, kafkaPackage: kafkaPackage)
            files = try Self.merge(render, into: state, previous: previous.answers, bases: bases)
            staleBases = previous.answers.files.keys.filter { path in !render.contains { $0.path == path } }.sorted()
        } else {
            if !state.entries.isEmpty, !request.force {
                throw .outputNotEmpty(path: output.path, entries: state.entries)
            }
            files = try render.map { file throws(ScaffoldError) in
                let current = try state.current(file.path)
                let action: PlannedFile.Action = current == nil ? .create : current == file.contents ? .unchanged : .overwrite
                return PlannedFile(path: file.path, action: action, current: current, result: file.contents)
            }
        }
        files.sort { $0.path < $1.path }

        var schemaPath: String?
        if case .avro(let schema) = loaded.spec.messages.value { schemaPath = "schemas/" + schema.fileName }
        let answers = AnswersFile(
            templateID: manifest.id, templateVersion: manifest.version, source: request.specDisplayPath,
            parameters: parameters, kafkaPackage: kafkaPackage.path == nil ? kafkaPackage : nil,
            spec: loaded.spec.yamlNode(schemaPath: schemaPath),
            files: Dictionary(uniqueKeysWithValues: render.map { ($0.path, Digest.sha256($0.contents)) }))
        return ScaffoldPlan(
            outputDirectory: output, templateID: manifest.id, templateVersion: manifest.version, spec: loaded, files: files,
            isRegeneration: state.previous != nil, render: render, answersText: answers.text(), staleBases: staleBases)
    }

    /// Carries out a plan: writes and removes the files, stores the new render as the next merge base, and
    /// writes the answers file last. Every write is atomic.
    /// - Throws: ``ScaffoldError`` when a file cannot be written.
    @discardableResult
    public func apply(_ plan: ScaffoldPlan) throws(ScaffoldError) -> ScaffoldResult {
        let writer = try ProjectWriter(root: plan.outputDirectory)
        var changed: [String] = []
        for file in plan.files where file.action.writes {
            if let result = file.result {
                try writer.write(result, to: file.path)
            } else {
                try writer.remove(file.path)
            }
            changed.append(file.path)
        }
        let baseFolder = OutputPath.stateFolder + "/base/"
        for file in plan.render {
            // On regeneration most bases are already the render; rewriting them would only cost time.
            if plan.isRegeneration,
                let existing = try? String(contentsOf: plan.outputDirectory.appendingPathComponent(baseFolder + file.path), encoding: .utf8),
                existing == file.contents
            {
                continue
            }
            try writer.write(file.contents, to: baseFolder + file.path)
        }
        for path in plan.staleBases { try writer.remove(baseFolder + path) }
        try writer.write(plan.answersText, to: OutputPath.answersFile)
        return ScaffoldResult(plan: plan, changedPaths: changed)
    }

    /// Renders a spec with a template: its parameters resolved and checked, the model built, the files rendered.
    static func render(
        _ loaded: LoadedSpec, template: LoadedTemplate, presets: PresetCatalog, kafkaPackage: KafkaPackageReference
    ) throws(ScaffoldError) -> (files: [RenderedFile], parameters: [String: TemplateValue]) {
        let parameters = try ServiceModel.parameters(for: loaded.spec, source: loaded.source, template: template.manifest)
        var values = try ServiceModel.values(for: loaded.spec, presets: presets, kafkaPackage: kafkaPackage)
        values["templateID"] = .string(template.manifest.id)
        values["templateVersion"] = .string(template.manifest.version)
        values.merge(parameters) { model, _ in model }
        return (try TemplateRenderer.render(template, values: values), parameters)
    }

    /// Plans each file of a regeneration: unedited files take the new render, edited ones are merged three ways.
    private static func merge(
        _ render: [RenderedFile], into state: ProjectState, previous: AnswersFile, bases: BaseRenders
    ) throws(ScaffoldError) -> [PlannedFile] {
        let rendered = Dictionary(uniqueKeysWithValues: render.map { ($0.path, $0.contents) })
        var files: [PlannedFile] = []
        for path in Set(rendered.keys).union(previous.files.keys).sorted() {
            let yours = try state.current(path)
            let theirs = rendered[path]
            switch (previous.files[path], theirs) {
            case (nil, let theirs?):
                // New in the template. A file of yours already there is kept between conflict markers.
                guard let yours else {
                    files.append(PlannedFile(path: path, action: .create, current: nil, result: theirs))
                    continue
                }
                let merge = ThreeWayMerge(yours: yours, theirs: theirs)
                let action: PlannedFile.Action = merge.conflictCount > 0 ? .conflict : .unchanged
                files.append(PlannedFile(path: path, action: action, current: yours, result: merge.text, conflictCount: merge.conflictCount))
            case (let digest?, let theirs?):
                guard let yours else {
                    files.append(PlannedFile(path: path, action: .keepDeleted, current: nil, result: nil))
                    continue
                }
                if yours == theirs {
                    files.append(PlannedFile(path: path, action: .unchanged, current: yours, result: theirs))
                } else if Digest.sha256(yours) == digest {
                    files.append(PlannedFile(path: path, action: .update, current: yours, result: theirs))
                } else {
                    let merge = bases.base(path, digest: digest).map { ThreeWayMerge(base: $0, yours: yours, theirs: theirs) }
                        ?? ThreeWayMerge(yours: yours, theirs: theirs)
                    let action: PlannedFile.Action = merge.conflictCount > 0 ? .conflict : merge.text == yours ? .unchanged : .merge
                    files.append(PlannedFile(path: path, action: action, current: yours, result: merge.text, conflictCount: merge.conflictCount))
                }
            case (let digest?, nil):
                guard let yours else { continue }
                let action: PlannedFile.Action = Digest.sha256(yours) == digest ? .remove : .keepEdited
                files.append(PlannedFile(path: path, action: action, current: yours, result: action == .remove ? nil : yours))
            case (nil, nil):
                continue
            }
        }
        return files
    }

    /// How the generated `Package.swift` reaches this repository: relative when the project is inside it
    /// (so the repository can move), absolute otherwise.
    /// - Throws: ``ScaffoldError/outputContainsRepository(path:repository:)`` when the project would be the
    ///   repository itself or a folder above it.
    func kafkaPackagePath(for output: URL) throws(ScaffoldError) -> String {
        let root = Self.realPath(environment.repositoryRoot)
        let project = Self.realPath(output)
        if project == root || root.hasPrefix(project + "/") {
            throw .outputContainsRepository(path: output.path, repository: environment.repositoryRoot.path)
        }
        guard project.hasPrefix(root + "/") else { return root }
        let depth = project.dropFirst(root.count + 1).split(separator: "/").count
        return Array(repeating: "..", count: depth).joined(separator: "/")
    }

    /// The path with symbolic links resolved, for the part of it that exists.
    static func realPath(_ url: URL) -> String {
        var existing = url.standardizedFileURL
        var rest: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.pathComponents.count > 1 {
            rest.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        let resolved = existing.resolvingSymlinksInPath().path
        return rest.isEmpty ? resolved : (resolved == "/" ? "" : resolved) + "/" + rest.joined(separator: "/")
    }
}

/// The previous render of each file, the merge base: the copy stored under `.kafka-skill/base/`, or, when
/// that is missing (a fresh clone, where the folder is not committed), the previous spec rendered again with
/// the same template version. Either is used only when its fingerprint matches the answers file.
struct BaseRenders {
    let state: ProjectState
    private let reconstructed: [String: String]

    init(
        state: ProjectState, previous: (answers: AnswersFile, reader: DocumentReader), template: LoadedTemplate,
        presets: PresetCatalog, kafkaPackage: KafkaPackageReference
    ) {
        self.state = state
        let answers = previous.answers
        let stored = answers.files.allSatisfy { path, digest in state.storedBase(path).map(Digest.sha256) == digest }
        guard !stored, answers.templateID == template.manifest.id, answers.templateVersion == template.manifest.version,
            let spec = try? ServiceSpecLoader().load(answers.spec, reader: previous.reader, baseDirectory: state.directory),
            let render = try? Scaffolder.render(spec, template: template, presets: presets, kafkaPackage: kafkaPackage)
        else {
            reconstructed = [:]
            return
        }
        reconstructed = Dictionary(uniqueKeysWithValues: render.files.map { ($0.path, $0.contents) })
    }

    /// The base of `path` whose fingerprint is `digest`, if one is known.
    func base(_ path: String, digest: String) -> String? {
        if let stored = state.storedBase(path), Digest.sha256(stored) == digest { return stored }
        if let again = reconstructed[path], Digest.sha256(again) == digest { return again }
        return nil
    }
}

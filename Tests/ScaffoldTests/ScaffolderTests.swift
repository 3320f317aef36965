import Foundation
import Testing
@testable import Scaffold

@Suite("Scaffolding a project")
struct ScaffolderTests {
    /// A folder holding a spec file, and the project folder beside it.
    struct Workspace {
        let folder: URL
        var spec: URL { folder.appendingPathComponent("spec.yaml") }
        var project: URL { folder.appendingPathComponent("project") }

        init(spec text: String = TestSupport.consumerSpec + "errorHandling: { deadLetterTopic: input-dlq }\n") throws {
            folder = try TestSupport.temporaryFolder("workspace")
            try TestSupport.write(text, to: "spec.yaml", in: folder)
        }

        func request(force: Bool = false) -> ScaffoldRequest {
            ScaffoldRequest(specURL: spec, specDisplayPath: "spec.yaml", outputDirectory: project, force: force)
        }

        func editSpec(_ change: (String) -> String) throws {
            try TestSupport.write(change(String(contentsOf: spec, encoding: .utf8)), to: "spec.yaml", in: folder)
        }

        func remove() {
            try? FileManager.default.removeItem(at: folder)
        }
    }

    func scaffolder() throws -> Scaffolder {
        Scaffolder(environment: try TestSupport.repository())
    }

    @Test("a first scaffold writes every file, the answers file and the merge bases")
    func firstScaffold() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let scaffolder = try scaffolder()
        let plan = try scaffolder.plan(workspace.request())
        #expect(!FileManager.default.fileExists(atPath: workspace.project.path), "planning writes nothing")
        #expect(plan.files.allSatisfy { $0.action == .create })
        #expect(plan.templateID == "consumer-worker")
        #expect(plan.files.contains { $0.path == "Sources/TestWorker/ConsumerWorker.swift" })
        #expect(plan.files.contains { $0.path == "Sources/TestWorker/ServiceSettings.swift" })
        // What every service shares comes from the KafkaServiceRuntime library, not from the template.
        #expect(!plan.files.contains { $0.path.hasSuffix("/EventLog.swift") || $0.path.hasSuffix("/RetryPolicy.swift") })

        let result = try scaffolder.apply(plan)
        #expect(result.changedPaths.count == plan.files.count)
        for file in plan.files {
            #expect(try TestSupport.read(file.path, in: workspace.project) == file.result)
            #expect(try TestSupport.read(".kafka-skill/base/" + file.path, in: workspace.project) == file.result)
        }
        let answers = try TestSupport.read(".kafka-skill-answers.yaml", in: workspace.project)
        #expect(answers.contains("id: consumer-worker"))
        #expect(answers.contains("source: spec.yaml"))
        for file in plan.files {
            let digest = Digest.sha256(try #require(file.result))
            #expect(answers.contains("\(file.path): \(digest)"))
        }
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: workspace.project.path).filter { $0.contains(".kafka-skill-") && !$0.hasSuffix("answers.yaml") }
        #expect(leftovers.isEmpty, "temporary files of atomic writes remain: \(leftovers)")
    }

    @Test("a folder with other files is refused unless forced; --force overwrites only what the template writes")
    func refusesForeignFolder() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try TestSupport.write("# mine\n", to: "README.md", in: workspace.project)
        try TestSupport.write("notes\n", to: "NOTES.txt", in: workspace.project)
        let scaffolder = try scaffolder()
        let errors = TestSupport.errors { _ = try scaffolder.plan(workspace.request()) }
        #expect(errors.map(\.description).first?.contains("is not empty (NOTES.txt, README.md) and holds no previous scaffold") == true, "\(errors)")

        let plan = try scaffolder.plan(workspace.request(force: true))
        #expect(plan.files.first { $0.path == "README.md" }?.action == .overwrite)
        try scaffolder.apply(plan)
        #expect(try TestSupport.read("NOTES.txt", in: workspace.project) == "notes\n")
        #expect(try TestSupport.read("README.md", in: workspace.project).hasPrefix("# test-worker"))
    }

    @Test("a folder holding only .git counts as empty")
    func gitFolderIsEmpty() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try FileManager.default.createDirectory(at: workspace.project.appendingPathComponent(".git"), withIntermediateDirectories: true)
        #expect(try scaffolder().plan(workspace.request()).files.allSatisfy { $0.action == .create })
    }

    @Test("the Kafka package is referred to relatively inside the repository, absolutely outside; the repository itself is refused")
    func kafkaPackagePath() throws {
        let scaffolder = try scaffolder()
        let root = scaffolder.environment.repositoryRoot
        #expect(try scaffolder.kafkaPackagePath(for: root.appendingPathComponent("examples/some-service")) == "../..")
        #expect(try scaffolder.kafkaPackagePath(for: root.appendingPathComponent("a/b/c")) == "../../..")
        let outside = try TestSupport.temporaryFolder("outside")
        defer { try? FileManager.default.removeItem(at: outside) }
        #expect(try scaffolder.kafkaPackagePath(for: outside) == Scaffolder.realPath(root))
        for folder in [root, root.deletingLastPathComponent()] {
            let errors = TestSupport.errors { _ = try scaffolder.kafkaPackagePath(for: folder) }
            guard case .outputContainsRepository? = errors.first else {
                Issue.record("expected a refusal for \(folder.path), got \(errors)")
                continue
            }
        }
    }

    @Test("a symbolic link inside the project cannot lead writes out of it")
    func symbolicLinkEscape() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let elsewhere = try TestSupport.temporaryFolder("elsewhere")
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        try FileManager.default.createDirectory(at: workspace.project, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: workspace.project.appendingPathComponent("Sources"), withDestinationURL: elsewhere)
        let scaffolder = try scaffolder()
        let plan = try scaffolder.plan(workspace.request(force: true))
        let errors = TestSupport.errors { try scaffolder.apply(plan) }
        #expect(errors.first?.description.contains("a symbolic link leading out of the output folder") == true, "\(errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).isEmpty)
    }

    @Test("scaffolding again without changes changes nothing")
    func idempotent() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let scaffolder = try scaffolder()
        try scaffolder.apply(scaffolder.plan(workspace.request()))
        let again = try scaffolder.plan(workspace.request())
        #expect(again.isRegeneration)
        #expect(again.files.allSatisfy { $0.action == .unchanged })
        #expect(again.diff.isEmpty)
    }

    @Test("an Avro service gets the record struct and the registry client, and the encoder or decoder its role needs", arguments: [
        ("producer", "topics: [{ name: out }]\n", ["RecordEncoder.swift"], ["RecordDecoder.swift"]),
        ("consumer", "group: g\ntopics: [{ name: in }]\n", ["RecordDecoder.swift"], ["RecordEncoder.swift"]),
        ("processor", "group: g\ntopics: [{ name: in, direction: input }, { name: out, direction: output }]\n",
         ["RecordEncoder.swift", "RecordDecoder.swift"], []),
    ])
    func avroFiles(role: String, topics: String, present: [String], absent: [String]) throws {
        let schema = #"{"type": "record", "name": "Order", "fields": [{"name": "id", "type": "long"}, {"name": "note", "type": "string"}]}"#
        let delivery = role == "processor" ? "exactly-once" : "at-least-once"
        let workspace = try Workspace(spec: """
            name: avro-\(role)
            role: \(role)
            \(topics)messages: { value: { format: avro, schema: order.avsc } }
            delivery: \(delivery)

            """)
        defer { workspace.remove() }
        try TestSupport.write(schema, to: "order.avsc", in: workspace.folder)
        let scaffolder = try scaffolder()
        try scaffolder.apply(scaffolder.plan(workspace.request()))

        let module = ServiceName.moduleName(for: "avro-\(role)")
        let sources = try FileManager.default.contentsOfDirectory(atPath: workspace.project.appendingPathComponent("Sources/\(module)").path)
        for file in ["Order.swift", "ServiceSettings.swift"] + present {
            #expect(sources.contains(file), "\(file) missing from \(sources.sorted())")
        }
        for file in absent {
            #expect(!sources.contains(file), "\(file) written for a \(role)")
        }
        let record = try TestSupport.read("Sources/\(module)/Order.swift", in: workspace.project)
        #expect(record.contains("struct Order: Codable, Sendable, Hashable {\n    var id: Int64\n    var note: String\n"))
        #expect(record.contains("note: \"note-\\(sequence)\""))
        #expect(record.contains("var eventValue: String { String(id) }"))
        #expect(try TestSupport.read("Sources/\(module)/ServiceSettings.swift", in: workspace.project).contains("func schemaRegistry() -> SchemaRegistryClient"))
        let package = try TestSupport.read("Package.swift", in: workspace.project)
        #expect(package.contains(".product(name: \"SchemaRegistry\", package: \"KafkaSkill\")"))
        #expect(package.contains(".product(name: \"SchemaRegistryServer\", package: \"KafkaSkill\")"))
        #expect(try scaffolder.plan(workspace.request()).files.allSatisfy { $0.action == .unchanged })
    }
}

import Foundation
import Testing
@testable import Scaffold

/// Regeneration after a spec change: unedited files take the new render, edited ones are merged three ways
/// (base = previous render, yours = on disk, theirs = new render), and nothing is silently overwritten.
@Suite("Regenerating a project")
struct RegenerationTests {
    typealias Workspace = ScaffolderTests.Workspace

    let settingsPath = "Sources/TestWorker/ServiceSettings.swift"
    let processorPath = "Sources/TestWorker/RecordProcessor.swift"

    func scaffold(_ workspace: Workspace) throws -> Scaffolder {
        let scaffolder = Scaffolder(environment: try TestSupport.repository())
        try scaffolder.apply(scaffolder.plan(workspace.request()))
        return scaffolder
    }

    func edit(_ path: String, in workspace: Workspace, _ change: (String) -> String) throws {
        let text = try TestSupport.read(path, in: workspace.project)
        let changed = change(text)
        #expect(changed != text, "the edit of \(path) changed nothing")
        try TestSupport.write(changed, to: path, in: workspace.project)
    }

    @Test("a hand edit survives regeneration after a spec change, merged with the new render")
    func handEditSurvives() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let scaffolder = try scaffold(workspace)
        try edit(processorPath, in: workspace) {
            $0.replacingOccurrences(of: "        logger.debug(\"processed", with: "        try await audit(record)\n        logger.debug(\"processed")
        }
        try edit("README.md", in: workspace) { $0 + "\n## Operations\n\nPage the payments team.\n" }
        try workspace.editSpec { $0 + "errorHandling: { retries: 7, deadLetterTopic: input-dlq }\n" }
        try workspace.editSpec { $0.replacingOccurrences(of: "errorHandling: { deadLetterTopic: input-dlq }\n", with: "") }

        let plan = try scaffolder.plan(workspace.request())
        let actions = Dictionary(uniqueKeysWithValues: plan.files.map { ($0.path, $0.action) })
        #expect(actions[settingsPath] == .update)
        #expect(actions["README.md"] == .merge)
        #expect(actions[processorPath] == .unchanged, "the new render did not change it, so your version stays")
        #expect(plan.conflictCount == 0)
        try scaffolder.apply(plan)

        let readme = try TestSupport.read("README.md", in: workspace.project)
        #expect(readme.contains("Page the payments team."))
        #expect(readme.contains("| `PROCESSING_RETRIES` | `7` |"))
        #expect(try TestSupport.read(settingsPath, in: workspace.project).contains("RetryPolicy(retries: 7,"))
        #expect(try TestSupport.read(processorPath, in: workspace.project).contains("try await audit(record)"))
        #expect(try scaffolder.plan(workspace.request()).files.allSatisfy { $0.action == .unchanged })
    }

    @Test("edits of the lines the new render changes become conflict markers, never a silent overwrite")
    func conflictsAreMarked() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let scaffolder = try scaffold(workspace)
        try edit(settingsPath, in: workspace) { $0.replacingOccurrences(of: "RetryPolicy(retries: 3,", with: "RetryPolicy(retries: 10,") }
        try workspace.editSpec { $0.replacingOccurrences(of: "errorHandling: { deadLetterTopic", with: "errorHandling: { retries: 5, deadLetterTopic") }

        let plan = try scaffolder.plan(workspace.request())
        #expect(plan.conflictCount == 1)
        #expect(plan.conflictedFiles.map(\.path) == [settingsPath])
        try scaffolder.apply(plan)
        // The changed doc comment above the value is part of the same hunk, as diff3 would have it.
        func doc(_ retries: Int) -> String {
            "    /// `PROCESSING_RETRIES` (default \(retries)) and `RETRY_BACKOFF_MS` (default 200, doubling up to 30 s, with jitter)."
        }
        func policy(_ retries: Int) -> String { "    var retry = RetryPolicy(retries: \(retries), backoff: .milliseconds(200))" }
        let conflict = """
            <<<<<<< yours (the file on disk)
            \(doc(3))
            \(policy(10))
            ||||||| previous scaffold
            \(doc(3))
            \(policy(3))
            =======
            \(doc(5))
            \(policy(5))
            >>>>>>> new scaffold

            """
        let merged = try TestSupport.read(settingsPath, in: workspace.project)
        #expect(merged.contains(conflict))

        // Once resolved, the next regeneration takes the resolution as yours and the new render as the base.
        try edit(settingsPath, in: workspace) {
            $0.replacingOccurrences(of: conflict, with: "\(doc(5))\n\(policy(10))\n")
        }
        let next = try scaffolder.plan(workspace.request())
        #expect(next.conflictCount == 0)
        #expect(next.files.first { $0.path == settingsPath }?.action == .unchanged)
    }

    /// An Avro worker's spec: the Avro files are written only while the value is Avro.
    static let avroSpec = TestSupport.consumerSpec + "messages: { value: { format: avro, schema: order.avsc } }\n"
    static let schema = #"{"type": "record", "name": "Order", "fields": [{"name": "id", "type": "long"}]}"#

    @Test("a file you deleted stays deleted; one the template stops writing is removed unless you edited it")
    func deletions() throws {
        let workspace = try Workspace(spec: Self.avroSpec)
        defer { workspace.remove() }
        try TestSupport.write(Self.schema, to: "order.avsc", in: workspace.folder)
        let scaffolder = try scaffold(workspace)
        try FileManager.default.removeItem(at: workspace.project.appendingPathComponent("Sources/TestWorker/RecordProcessor.swift"))
        try edit("Sources/TestWorker/RecordDecoder.swift", in: workspace) { $0 + "// Reviewed by ops.\n" }
        try workspace.editSpec { $0.replacingOccurrences(of: "messages: { value: { format: avro, schema: order.avsc } }\n", with: "") }

        let plan = try scaffolder.plan(workspace.request())
        let actions = Dictionary(uniqueKeysWithValues: plan.files.map { ($0.path, $0.action) })
        #expect(actions["Sources/TestWorker/RecordProcessor.swift"] == .keepDeleted)
        #expect(actions["Sources/TestWorker/Order.swift"] == .remove)
        #expect(actions["Sources/TestWorker/RecordDecoder.swift"] == .keepEdited)
        try scaffolder.apply(plan)
        let files = FileManager.default
        #expect(!files.fileExists(atPath: workspace.project.appendingPathComponent("Sources/TestWorker/RecordProcessor.swift").path))
        #expect(!files.fileExists(atPath: workspace.project.appendingPathComponent("Sources/TestWorker/Order.swift").path))
        #expect(!files.fileExists(atPath: workspace.project.appendingPathComponent(".kafka-skill/base/Sources/TestWorker/Order.swift").path))
        #expect(files.fileExists(atPath: workspace.project.appendingPathComponent("Sources/TestWorker/RecordDecoder.swift").path))
    }

    @Test("a file of yours where the template now writes one is kept between conflict markers")
    func collisionWithANewTemplateFile() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try TestSupport.write(Self.schema, to: "order.avsc", in: workspace.folder)
        let scaffolder = try scaffold(workspace)
        try TestSupport.write("// My own decoder.\n", to: "Sources/TestWorker/RecordDecoder.swift", in: workspace.project)
        try workspace.editSpec { $0 + "messages: { value: { format: avro, schema: order.avsc } }\n" }

        let plan = try scaffolder.plan(workspace.request())
        let file = try #require(plan.files.first { $0.path == "Sources/TestWorker/RecordDecoder.swift" })
        #expect(file.action == .conflict)
        #expect(file.result?.hasPrefix("<<<<<<< yours (the file on disk)\n// My own decoder.\n=======\nimport Avro\n") == true)
        #expect(plan.files.first { $0.path == "Sources/TestWorker/Order.swift" }?.action == .create)
    }

    @Test("without the stored bases (a fresh clone), the previous render is rebuilt from the answers file")
    func basesRebuiltFromAnswers() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let scaffolder = try scaffold(workspace)
        try FileManager.default.removeItem(at: workspace.project.appendingPathComponent(".kafka-skill"))
        try edit("README.md", in: workspace) { $0 + "\nLocal notes.\n" }
        try workspace.editSpec { $0.replacingOccurrences(of: "errorHandling: { deadLetterTopic", with: "errorHandling: { retries: 9, deadLetterTopic") }

        let plan = try scaffolder.plan(workspace.request())
        #expect(plan.files.first { $0.path == "README.md" }?.action == .merge)
        #expect(plan.conflictCount == 0)
    }

    @Test("without any base, an edited file that the template changes is a whole-file conflict")
    func noBaseIsAConflict() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let scaffolder = try scaffold(workspace)
        try FileManager.default.removeItem(at: workspace.project.appendingPathComponent(".kafka-skill"))
        // A different template version cannot rebuild the previous render.
        let answersPath = workspace.project.appendingPathComponent(".kafka-skill-answers.yaml")
        let answers = try String(contentsOf: answersPath, encoding: .utf8).replacingOccurrences(of: "version: 2.0.0", with: "version: 0.9.0")
        try Data(answers.utf8).write(to: answersPath)
        try edit("README.md", in: workspace) { $0 + "\nLocal notes.\n" }
        try workspace.editSpec { $0.replacingOccurrences(of: "errorHandling: { deadLetterTopic", with: "errorHandling: { retries: 9, deadLetterTopic") }

        let plan = try scaffolder.plan(workspace.request())
        let readme = try #require(plan.files.first { $0.path == "README.md" })
        #expect(readme.action == .conflict)
        #expect(readme.result?.hasPrefix("<<<<<<< yours (the file on disk)\n# test-worker") == true)
    }

    @Test("a malformed answers file is reported at its position")
    func malformedAnswers() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let scaffolder = try scaffold(workspace)
        try TestSupport.write("template: { id: consumer-worker }\n", to: ".kafka-skill-answers.yaml", in: workspace.project)
        let errors = TestSupport.errors { _ = try scaffolder.plan(workspace.request()) }
        #expect(errors.contains { $0.description.contains(".kafka-skill-answers.yaml:1:1: error: the answers file is missing the required key 'source'") }, "\(errors)")
    }
}

@Suite("Regenerating over unresolved conflicts")
struct UnresolvedConflictTests {
    @Test("a re-run over unresolved conflict markers is refused, naming the files, and records nothing")
    func refusedUntilResolved() throws {
        let workspace = try ScaffolderTests.Workspace()
        defer { workspace.remove() }
        let scaffolder = Scaffolder(environment: try TestSupport.repository())
        try scaffolder.apply(scaffolder.plan(workspace.request()))
        let settingsPath = "Sources/TestWorker/ServiceSettings.swift"
        let text = try TestSupport.read(settingsPath, in: workspace.project)
        try TestSupport.write(text.replacingOccurrences(of: "RetryPolicy(retries: 3,", with: "RetryPolicy(retries: 10,"), to: settingsPath, in: workspace.project)
        try workspace.editSpec { $0.replacingOccurrences(of: "errorHandling: { deadLetterTopic", with: "errorHandling: { retries: 5, deadLetterTopic") }
        let plan = try scaffolder.plan(workspace.request())
        #expect(plan.conflictCount == 1)
        try scaffolder.apply(plan)
        let answers = try TestSupport.read(".kafka-skill-answers.yaml", in: workspace.project)

        try workspace.editSpec { $0.replacingOccurrences(of: "retries: 5", with: "retries: 6") }
        let errors = TestSupport.errors { _ = try scaffolder.plan(workspace.request()) }
        guard case .unresolvedConflicts(_, let files)? = errors.first else {
            Issue.record("expected the unresolved conflict to be refused, got \(errors)")
            return
        }
        #expect(files == [settingsPath])
        #expect(errors.first?.description.contains(settingsPath) == true)
        #expect(try TestSupport.read(".kafka-skill-answers.yaml", in: workspace.project) == answers)
    }
}

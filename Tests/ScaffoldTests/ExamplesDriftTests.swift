import Foundation
import Testing
@testable import Scaffold
import KafkaSkillModel

/// The committed `examples/` are generated from `specs/` and never edited by hand: a fresh render must
/// give exactly what is committed.
@Suite("Committed examples match their specs")
struct ExamplesDriftTests {
    static let examples = [
        "order-events-producer", "order-events-worker", "order-enricher", "customer-events-producer-v1",
        "customer-events-producer-v2", "customer-events-consumer",
    ]

    @Test("regenerating an example into a temporary folder gives the committed files", arguments: examples)
    func noDrift(name: String) throws {
        let environment = try TestSupport.repository()
        let root = environment.repositoryRoot
        let committed = root.appendingPathComponent("examples/\(name)")
        let fresh = try TestSupport.temporaryFolder(name)
        defer { try? FileManager.default.removeItem(at: fresh) }
        let scaffolder = Scaffolder(environment: environment)
        // Rendered as the committed copy is: reached from the repository root, two levels below it.
        let request = ScaffoldRequest(
            specURL: root.appendingPathComponent("specs/\(name).yaml"), specDisplayPath: "specs/\(name).yaml",
            outputDirectory: fresh.appendingPathComponent(name), kafkaPackagePath: "../..")
        try scaffolder.apply(scaffolder.plan(request))

        let expected = try Self.files(in: fresh.appendingPathComponent(name))
        let actual = try Self.files(in: committed)
        #expect(actual.keys.sorted() == expected.keys.sorted(), "files differ; regenerate with `kafka-skill scaffold specs/\(name).yaml --out examples/\(name)`")
        for (path, text) in expected.sorted(by: { $0.key < $1.key }) {
            guard let committedText = actual[path] else { continue }
            #expect(
                committedText == text,
                "examples/\(name)/\(path) differs from a fresh render:\n\(UnifiedDiff.between(committedText, text, path: path))")
        }
    }

    @Test("scaffolding over a committed example plans no change", arguments: examples)
    func planIsUnchanged(name: String) throws {
        let environment = try TestSupport.repository()
        let root = environment.repositoryRoot
        let plan = try Scaffolder(environment: environment).plan(ScaffoldRequest(
            specURL: root.appendingPathComponent("specs/\(name).yaml"), specDisplayPath: "specs/\(name).yaml",
            outputDirectory: root.appendingPathComponent("examples/\(name)")))
        #expect(plan.isRegeneration)
        #expect(plan.files.filter { $0.action != .unchanged }.map { "\($0.action.rawValue) \($0.path)" } == [])
    }

    /// The project's files by relative path, without scaffolder state and build output.
    static func files(in folder: URL) throws -> [String: String] {
        var files: [String: String] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
            let first = path.split(separator: "/").first.map(String.init) ?? path
            guard first != ".kafka-skill", !first.hasPrefix(".build"), first != ".swiftpm", first != "Package.resolved" else { continue }
            var isFolder: ObjCBool = false
            let url = folder.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            files[path] = try String(contentsOf: url, encoding: .utf8)
        }
        return files
    }
}

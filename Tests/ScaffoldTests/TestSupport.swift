import KafkaSkillModel
import Foundation
import Scaffold
import Testing

/// Paths and helpers the Scaffold tests share: the repository (templates, presets, specs, examples), the
/// fixtures, and temporary folders.
enum TestSupport {
    /// The KafkaSkill repository, found from this file's location.
    static let environment: ScaffoldEnvironment? = ScaffoldEnvironment.locate(startingAt: [URL(fileURLWithPath: #filePath)])

    static func repository() throws -> ScaffoldEnvironment {
        try #require(environment, "the tests must run inside the KafkaSkill repository")
    }

    /// The copied `Fixtures` folder.
    static func fixtures() throws -> URL {
        try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    }

    /// A new empty folder; delete it when done.
    static func temporaryFolder(_ name: String = "scaffold") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` to `name` in `folder` and returns its URL.
    @discardableResult
    static func write(_ text: String, to name: String, in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url
    }

    static func read(_ path: String, in folder: URL) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
    }

    /// The errors a throwing call raises, flattened.
    static func errors(_ body: () throws -> Void) -> [ScaffoldError] {
        do {
            try body()
            return []
        } catch let error as ScaffoldError {
            return error.all
        } catch {
            Issue.record("unexpected error \(error)")
            return []
        }
    }

    /// A producer spec without messages; six lines, so what a test appends starts on line 7.
    static let producerSpec = """
        name: test-producer
        role: producer
        topics:
          - name: output
            partitions: 2
        delivery: at-least-once

        """

    /// The shortest valid consumer spec, to vary in tests.
    static let consumerSpec = """
        name: test-worker
        role: consumer
        group: test-workers
        topics:
          - name: input
            partitions: 2
        delivery: at-least-once

        """
}

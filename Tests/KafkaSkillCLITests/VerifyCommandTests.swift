import Foundation
import Testing

/// `kafka-skill verify`'s broker choice, and what it says when it cannot run.
@Suite("verify command: broker", .timeLimit(.minutes(2)))
struct VerifyCommandTests {
    /// The repository root, which holds lessons/.
    static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("an unreachable --bootstrap ends as could-not-run (exit 2) within the connection timeout, before any example builds")
    func unreachableBootstrap() async throws {
        let started = ContinuousClock.now
        let result = try await CommandRunner.run(["verify", "--bootstrap", "127.0.0.1:1", "--lesson", "14", "--project", Self.projectRoot.path])
        let elapsed = ContinuousClock.now - started
        #expect(result.status == 2, "stdout: \(result.output)\nstderr: \(result.error)")
        #expect(result.error.contains("could not run"))
        #expect(result.error.contains("127.0.0.1:1"))
        #expect(!result.output.contains("failed"))
        #expect(elapsed < .seconds(10), "took \(elapsed); the connection timeout is 5 s")
    }

    @Test("a missing noida-db ends as could-not-run (exit 2), saying how to install it")
    func missingNoida() async throws {
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("verify-noida-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: project) }
        let lessons = project.appendingPathComponent("lessons")
        try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
        let lesson = try #require(try FileManager.default.contentsOfDirectory(atPath: Self.projectRoot.appendingPathComponent("lessons").path)
            .first { $0.hasPrefix("14-") })
        try FileManager.default.copyItem(
            at: Self.projectRoot.appendingPathComponent("lessons").appendingPathComponent(lesson), to: lessons.appendingPathComponent(lesson))
        let result = try await CommandRunner.run(
            ["verify", "--broker", "noida", "--lesson", "14", "--project", project.path], environment: ["PATH": "/usr/bin:/bin"])
        #expect(result.status == 2, "stdout: \(result.output)\nstderr: \(result.error)")
        #expect(result.error.contains("could not run: noida-db is not installed"))
        #expect(result.error.contains("scripts/install-deps.sh"))
    }

    @Test("--broker and --bootstrap are checked together", arguments: [
        (["--broker", "bootstrap"], "--broker bootstrap needs --bootstrap"),
        (["--broker", "kafka"], "--broker kafka: choose embedded, noida or bootstrap"),
        (["--broker", "noida", "--bootstrap", "127.0.0.1:9092"], "--bootstrap goes with --broker bootstrap"),
    ])
    func invalidCombinations(arguments: [String], message: String) async throws {
        let result = try await CommandRunner.run(["verify", "--lesson", "14", "--project", Self.projectRoot.path] + arguments)
        #expect(result.status == 64, "stdout: \(result.output)\nstderr: \(result.error)")
        #expect(result.error.contains(message), "stderr: \(result.error)")
    }
}

import Foundation
import Testing

/// `verify` must not report success for a lesson it proved nothing about.
@Suite("verify with pending lessons")
struct VerifyPendingTests {
    /// The repository root, which holds lessons/ with lesson 10 still waiting for its examples.
    static let projectRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("a pending lesson fails verify unless --allow-pending is given", .timeLimit(.minutes(2)))
    func pendingFails() async throws {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("verify-pending-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: report) }
        let strict = try await CommandRunner.run(["verify", "--lesson", "10", "--project", Self.projectRoot.path, "--jobs", "1"])
        #expect(strict.status == 1)
        #expect(strict.error.contains("lesson(s) 10 pending"))
        #expect(strict.error.contains("--allow-pending"))
        let allowed = try await CommandRunner.run(
            ["verify", "--lesson", "10", "--project", Self.projectRoot.path, "--jobs", "1", "--allow-pending"])
        #expect(allowed.status == 0)
        #expect(allowed.output.contains("pending"))
    }
}

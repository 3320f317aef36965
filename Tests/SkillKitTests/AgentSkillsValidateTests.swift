import Foundation
import Testing

/// Runs the reference validator from PyPI (`pip install skills-ref==0.1.1`, console script `agentskills`)
/// on the committed bundle, when it is installed.
@Suite("The reference validator")
struct AgentSkillsValidateTests {
    static let executable: String? = ProcessInfo.processInfo.environment["PATH"]?
        .split(separator: ":")
        .map { "\($0)/agentskills" }
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test("agentskills validate accepts skills/kafka-events", .enabled(if: executable != nil, "skills-ref is not installed"))
    func referenceValidatorAccepts() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.executable))
        process.arguments = ["validate", RepositoryBundleTests.bundle.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("Valid skill"))
    }
}

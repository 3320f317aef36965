import Dispatch
import Foundation
import Testing

@Suite("An installed kafka-skill", .timeLimit(.minutes(2)), .serialized)
struct InstallTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("--version prints the version")
    func version() async throws {
        let result = try await CommandRunner.run(["--version"])
        #expect(result.status == 0)
        #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3, "\(result.output)")
    }

    @Test("scripts/install.sh installs a binary that scaffolds from a folder outside the checkout", .tags(.slow))
    func installAndScaffold() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kafka-skill-install-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let prefix = scratch.appendingPathComponent("prefix")
        let elsewhere = scratch.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)

        let install = try await Self.run(
            "/bin/bash", [Self.repository.appendingPathComponent("scripts/install.sh").path, prefix.path],
            in: elsewhere, environment: ["KAFKA_SKILL_BINARY": CommandRunner.executable.path])
        #expect(install.status == 0, "\(install.output)")
        let installed = prefix.appendingPathComponent("bin/kafka-skill")
        #expect(FileManager.default.isExecutableFile(atPath: installed.path))
        for completion in ["share/bash-completion/completions/kafka-skill", "share/zsh/site-functions/_kafka-skill", "share/fish/vendor_completions.d/kafka-skill.fish"] {
            let text = try String(contentsOf: prefix.appendingPathComponent(completion), encoding: .utf8)
            #expect(text.contains("scaffold"), "\(completion)")
        }

        // Run from a folder that is not inside any KafkaSkill checkout: the templates come from PREFIX/share.
        let spec = prefix.appendingPathComponent("share/kafka-skill/specs/order-events-producer.yaml")
        let scaffold = try await Self.run(
            installed.path, ["scaffold", spec.path, "--out", elsewhere.appendingPathComponent("orders").path, "--dry-run"], in: elsewhere)
        #expect(scaffold.status == 0, "\(scaffold.output)")
        #expect(scaffold.output.contains("Would scaffold"), "\(scaffold.output)")
        #expect(scaffold.output.contains("Package.swift"), "\(scaffold.output)")
    }

    /// Runs a process to completion on a Dispatch thread, so that its wait never holds a thread of the cooperative
    /// pool (other suites' timers run there).
    private static func run(_ executable: String, _ arguments: [String], in folder: URL, environment: [String: String] = [:]) async throws -> (status: Int32, output: String) {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: executable)
                    process.arguments = arguments
                    process.currentDirectoryURL = folder
                    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
                    let pipe = Pipe()
                    process.standardOutput = pipe
                    process.standardError = pipe
                    try process.run()
                    let data = readToEnd(pipe.fileHandleForReading)
                    process.waitUntilExit()
                    continuation.resume(returning: (process.terminationStatus, String(decoding: data, as: UTF8.self)))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}

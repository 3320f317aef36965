import Foundation
import Testing
@testable import Scaffold

/// Builds one generated project for real — the service scaffolded from the AsyncAPI fixture — and runs it.
/// Building compiles the Kafka module and the dependencies again, so this is the only test that does it;
/// `scripts/smoke-examples.sh` builds and tests every example.
@Suite("A scaffolded service builds and runs", .timeLimit(.minutes(5)), .tags(.slow))
struct GeneratedProjectBuildTests {
    @Test("the service scaffolded from an AsyncAPI 3 document builds, starts, and stops cleanly on SIGTERM")
    func asyncAPIServiceBuildsAndRuns() async throws {
        let environment = try TestSupport.repository()
        let folder = try TestSupport.temporaryFolder("generated")
        defer { try? FileManager.default.removeItem(at: folder) }
        let document = try TestSupport.fixtures().appendingPathComponent("asyncapi/payment-auditor.yaml")
        let project = folder.appendingPathComponent("payment-auditor")
        let scaffolder = Scaffolder(environment: environment)
        let plan = try scaffolder.plan(ScaffoldRequest(specURL: document, outputDirectory: project))
        try scaffolder.apply(plan)
        #expect(try TestSupport.read("Package.swift", in: project).contains("path: \"\(Scaffolder.realPath(environment.repositoryRoot))\""))

        let scratch = folder.appendingPathComponent(".build-generated")
        let build = try await Subprocess.run(
            "/usr/bin/env", ["swift", "build", "--package-path", project.path, "--scratch-path", scratch.path])
        #expect(build.status == 0, "swift build failed:\n\(build.output.suffix(4000))")
        guard build.status == 0 else { return }
        let warnings = build.output.split(separator: "\n").filter { $0.contains("warning:") && $0.contains(project.path) }
        #expect(warnings.isEmpty, "the generated code has warnings:\n\(warnings.joined(separator: "\n"))")

        // Against a port where nothing listens the service still starts, reports, and stops on SIGTERM.
        let events = folder.appendingPathComponent("events.jsonl")
        let service = Process()
        service.executableURL = scratch.appendingPathComponent("debug/payment-auditor")
        service.environment = ProcessInfo.processInfo.environment.merging([
            "KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:1", "KAFKA_SKILL_EVENTS": events.path, "LOG_LEVEL": "critical",
        ]) { _, new in new }
        let exit = Subprocess.termination(of: service)
        try service.run()
        let deadline = ContinuousClock.now + .seconds(30)
        while !((try? String(contentsOf: events, encoding: .utf8))?.contains("startup_complete") ?? false), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        service.terminate()
        let status = await exit.value
        #expect(status == 0)
        let lines = try String(contentsOf: events, encoding: .utf8).split(separator: "\n")
        #expect(lines.first?.contains("\"name\":\"startup_complete\"") == true)
        #expect(lines.last?.contains("\"name\":\"shutdown_complete\"") == true)
    }
}

/// Runs programs without blocking Swift's cooperative pool: completion arrives through the termination handler.
enum Subprocess {
    /// Runs `executable` and collects its standard output and error.
    static func run(_ executable: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("subprocess-\(UUID().uuidString).log")
        try Data().write(to: output)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        let exit = termination(of: process)
        try process.run()
        let status = await exit.value
        try handle.close()
        return (status, try String(contentsOf: output, encoding: .utf8))
    }

    /// A task that ends with the process's exit status; create it before starting the process.
    static func termination(of process: Process) -> Task<Int32, Never> {
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        process.terminationHandler = { continuation.yield($0.terminationStatus); continuation.finish() }
        return Task { await stream.first { _ in true } ?? -1 }
    }
}

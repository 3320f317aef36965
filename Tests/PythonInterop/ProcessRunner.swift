public import Foundation

/// Runs a program to completion without blocking the concurrency pool: output goes to temporary files, which cannot
/// fill up and stall the child as a pipe can, and completion arrives through the termination handler.
public enum ProcessRunner {
    /// How a program ended and what it wrote.
    public struct Result: Sendable {
        /// The exit status.
        public var status: Int32
        /// Its standard output.
        public var stdout: Data
        /// Its standard error, as text.
        public var stderr: String
        /// Standard output then standard error, as text.
        public var output: String { String(decoding: stdout, as: UTF8.self) + stderr }
    }

    /// Runs `program` (looked up on `PATH`) with `arguments` and no standard input.
    public static func run(_ program: String, _ arguments: [String]) async throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let stdoutURL = directory.appendingPathComponent("stdout")
        let stderrURL = directory.appendingPathComponent("stderr")
        guard FileManager.default.createFile(atPath: stdoutURL.path, contents: nil),
              FileManager.default.createFile(atPath: stderrURL.path, contents: nil) else {
            throw PythonEnvironment.Failure(description: "cannot create output files in \(directory.path)")
        }
        let stdout = try FileHandle(forWritingTo: stdoutURL)
        let stderr = try FileHandle(forWritingTo: stderrURL)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in
                continuation.resume(returning: finished.terminationStatus)
            }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        try stdout.close()
        try stderr.close()
        return Result(
            status: status,
            stdout: try Data(contentsOf: stdoutURL),
            stderr: String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self))
    }
}

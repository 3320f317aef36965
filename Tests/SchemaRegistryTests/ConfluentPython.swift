import Foundation

/// Finds or installs a Python with Confluent's own client (PyPI `confluent-kafka` with its `avro` and
/// `schemaregistry` extras) for the interop tests.
///
/// It uses `python3` when that already imports the client; otherwise it makes a virtual environment in the temporary
/// directory and installs the client there with pip, kept for later runs (the first install takes about 16 s). Any
/// failure fails the tests: interop is never skipped silently.
actor ConfluentPython {
    static let shared = ConfluentPython()

    private var interpreter: Task<String, any Error>?

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The path of a Python interpreter that can import Confluent's schema registry client.
    func python() async throws -> String {
        if let interpreter {
            return try await interpreter.value
        }
        let task = Task { try await Self.findOrInstall() }
        interpreter = task
        return try await task.value
    }

    private static func findOrInstall() async throws -> String {
        let check = ["-c", "import confluent_kafka.schema_registry.avro"]
        if try await PythonProcess.run("python3", check).status == 0 {
            return "python3"
        }
        let environment = FileManager.default.temporaryDirectory.appendingPathComponent("kafka-skill-confluent-interop-venv")
        let python = environment.appendingPathComponent("bin/python").path
        if FileManager.default.isExecutableFile(atPath: python), try await PythonProcess.run(python, check).status == 0 {
            return python
        }
        let created = try await PythonProcess.run("python3", ["-m", "venv", "--clear", environment.path])
        guard created.status == 0 else {
            throw Failure(description: "python3 -m venv failed (install python3-venv): \(created.output)")
        }
        let installed = try await PythonProcess.run(
            python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "confluent-kafka[avro,schemaregistry]==2.16.1"])
        guard installed.status == 0 else {
            throw Failure(description: "pip install confluent-kafka failed; the interop tests need PyPI: \(installed.output)")
        }
        guard try await PythonProcess.run(python, check).status == 0 else {
            throw Failure(description: "confluent-kafka was installed into \(environment.path) but cannot be imported")
        }
        return python
    }
}

/// Runs a program to completion without blocking the concurrency pool: output goes to temporary files, which cannot
/// fill up and stall the child as a pipe can, and completion arrives through the termination handler.
enum PythonProcess {
    struct Result {
        var status: Int32
        var stdout: Data
        var stderr: String
        var output: String { String(decoding: stdout, as: UTF8.self) + stderr }
    }

    static func run(_ program: String, _ arguments: [String]) async throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let stdoutURL = directory.appendingPathComponent("stdout")
        let stderrURL = directory.appendingPathComponent("stderr")
        guard FileManager.default.createFile(atPath: stdoutURL.path, contents: nil),
              FileManager.default.createFile(atPath: stderrURL.path, contents: nil) else {
            throw ConfluentPython.Failure(description: "cannot create output files in \(directory.path)")
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

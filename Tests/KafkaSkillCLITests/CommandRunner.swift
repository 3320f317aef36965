import Foundation

/// Runs the built `kafka-skill` binary as a child process, as a user would.
struct CommandRunner {
    /// The executable SwiftPM built next to the test bundle.
    static var executable: URL {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let direct = products.appendingPathComponent("kafka-skill")
        if FileManager.default.isExecutableFile(atPath: direct.path) { return direct }
        // xctest bundles on Linux sit in the products folder; swift-testing may run from a nested path.
        return products.deletingLastPathComponent().appendingPathComponent("kafka-skill")
    }

    struct Result {
        let status: Int32
        let output: String
        let error: String
    }

    /// Runs to completion and returns status, standard output and standard error.
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    let process = Process()
                    process.executableURL = executable
                    process.arguments = arguments
                    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
                    let output = Pipe()
                    let error = Pipe()
                    process.standardOutput = output
                    process.standardError = error
                    try process.run()
                    let out = readToEnd(output.fileHandleForReading)
                    let err = readToEnd(error.fileHandleForReading)
                    process.waitUntilExit()
                    continuation.resume(returning: Result(
                        status: process.terminationStatus,
                        output: String(decoding: out, as: UTF8.self),
                        error: String(decoding: err, as: UTF8.self)))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}

/// A long-running `kafka-skill` process whose output lines are read as they come.
final class RunningCommand: @unchecked Sendable {
    // `@unchecked Sendable`: `process` and the pipe are only touched through thread-safe Foundation calls.
    let process = Process()
    private let output = Pipe()
    private let lines: AsyncStream<String>

    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = CommandRunner.executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        let (stream, continuation) = AsyncStream<String>.makeStream()
        lines = stream
        let handle = output.fileHandleForReading
        Thread.detachNewThread {
            var pending = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: 0x0A) {
                    continuation.yield(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                    pending.removeSubrange(pending.startIndex...newline)
                }
            }
            continuation.finish()
        }
        try process.run()
    }

    /// Waits for the first output line with `prefix` and returns it.
    func line(startingWith prefix: String) async -> String? {
        for await line in lines where line.hasPrefix(prefix) { return line }
        return nil
    }

    /// Waits for the process to exit and returns its status.
    func waitForExit() async -> Int32 {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                self.process.waitUntilExit()
                continuation.resume(returning: self.process.terminationStatus)
            }
        }
    }
}

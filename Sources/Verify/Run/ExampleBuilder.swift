public import Foundation
import KafkaSkillModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An example package that has been built, with the executable to run.
public struct BuiltExample: Sendable, Hashable, Codable {
    /// The example's name (its folder under `examples/`).
    public var name: String
    /// The executable's path.
    public var executable: String
    /// The hash of the sources the build was made from.
    public var sourceHash: String
    /// Whether the build was reused from the cache.
    public var cached: Bool
    /// How long building took, in seconds (0 when cached).
    public var seconds: Double

    /// Creates a built example.
    public init(name: String, executable: String, sourceHash: String, cached: Bool, seconds: Double) {
        self.name = name
        self.executable = executable
        self.sourceHash = sourceHash
        self.cached = cached
        self.seconds = seconds
    }
}

/// Builds example packages with `swift build -c debug`, once per run and across runs: each package gets a
/// folder under the build root (`.build-verify/<package folder name>/`) with its logs and a record of the
/// source hash it was built from, so an unchanged example is not rebuilt. Examples that share a package share
/// its build.
///
/// All examples build in one scratch folder (`.build-verify/scratch`): they depend on the same KafkaSkill
/// modules and packages, which are then compiled once instead of once per example. Builds run one at a
/// time, which SwiftPM's lock on the scratch folder would enforce anyway.
///
/// The hash covers the example's own files and the given dependency roots (the project's `Package.swift` and
/// `Sources/`, which the examples depend on by path).
public actor ExampleBuilder {
    private let buildRoot: URL
    private let dependencyRoots: [URL]
    private let supervisor: ProcessSupervisor
    private var built: [String: Task<BuiltExample, any Error>] = [:]
    /// The build started last; each build waits for it, since parallel `swift build`s only fight over the cores.
    private var previous: Task<Void, Never>?

    /// Creates a builder.
    /// - Parameters:
    ///   - buildRoot: The folder for scratch builds and cache records, e.g. `<project>/.build-verify`.
    ///   - dependencyRoots: Files or folders whose change must rebuild every example.
    ///   - supervisor: Runs the `swift` processes, so Ctrl-C stops a build too.
    public init(buildRoot: URL, dependencyRoots: [URL], supervisor: ProcessSupervisor) {
        self.buildRoot = buildRoot
        self.dependencyRoots = dependencyRoots
        self.supervisor = supervisor
    }

    /// Builds an example, or reuses the build made from the same sources.
    /// - Parameter example: The example's package.
    /// - Returns: The executable to run.
    /// - Throws: ``VerifyError/buildFailed(example:command:log:tail:)`` or ``VerifyError/noExecutable(example:found:)``.
    public func build(_ example: ExampleSource) async throws -> BuiltExample {
        let key = example.packageDirectory.standardizedFileURL.path
        if let task = built[key] { return try await task.value }
        let before = previous
        let task = Task {
            await before?.value
            return try await self.buildNow(example)
        }
        built[key] = task
        previous = Task { _ = try? await task.value }
        return try await task.value
    }

    private func buildNow(_ example: ExampleSource) async throws -> BuiltExample {
        let folder = buildRoot.appendingPathComponent(example.packageDirectory.standardizedFileURL.lastPathComponent)
        let scratch = buildRoot.appendingPathComponent("scratch")
        let recordURL = folder.appendingPathComponent("verify-build.json")
        let roots = [example.packageDirectory] + dependencyRoots
        let hash = try await BlockingIO.run { try SourceHash.compute(roots) }
        if let data = try? Data(contentsOf: recordURL), let record = try? JSONDecoder().decode(BuiltExample.self, from: data),
            record.sourceHash == hash, FileManager.default.isExecutableFile(atPath: record.executable)
        {
            return BuiltExample(name: example.name, executable: record.executable, sourceHash: hash, cached: true, seconds: 0)
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let started = ContinuousClock.now
        let package = ["--package-path", example.packageDirectory.path, "--scratch-path", scratch.path]
        try await swift(["build", "-c", "debug"] + package, example: example.name, log: folder.appendingPathComponent("build.log"))
        let binPath = try await swift(
            ["build", "-c", "debug"] + package + ["--show-bin-path"], example: example.name, log: folder.appendingPathComponent("bin-path.log")
        ).trimmingCharacters(in: .whitespacesAndNewlines)
        let description = try await swift(
            ["package"] + package + ["describe", "--type", "json"], example: example.name, log: folder.appendingPathComponent("describe.log"))
        let executables = Self.executableProducts(in: description)
        let chosen: String
        if executables.count == 1, let only = executables.first {
            chosen = only
        } else if let named = [example.name, example.packageDirectory.lastPathComponent].first(where: executables.contains) {
            chosen = named
        } else {
            throw VerifyError.noExecutable(example: example.name, found: executables)
        }
        let elapsed = ContinuousClock.now - started
        let result = BuiltExample(
            name: example.name, executable: URL(fileURLWithPath: binPath).appendingPathComponent(chosen).path, sourceHash: hash, cached: false,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        let record = try JSONEncoder().encode(result)
        do {
            try AtomicFile.write(record, to: recordURL)
        } catch {
            throw VerifyError.io(path: error.path, operation: "\(error.operation) it", reason: error.reason)
        }
        return result
    }

    /// Runs `swift` with the arguments; its output goes to `log`, which is returned on success.
    @discardableResult
    private func swift(_ arguments: [String], example: String, log: URL) async throws -> String {
        let prefix = log.deletingPathExtension().path
        let child = try supervisor.launch(
            name: "swift \(arguments.first ?? "")", executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: ["swift"] + arguments,
            environment: ProcessInfo.processInfo.environment, workingDirectory: buildRoot, logPrefix: prefix)
        let exit = await withTaskCancellationHandler {
            await child.waitForExit()
        } onCancel: {
            child.signalGroup(SIGKILL)
        }
        try Task.checkCancellation()
        let output = (try? String(contentsOfFile: child.outputPath, encoding: .utf8)) ?? ""
        let errors = (try? String(contentsOfFile: child.errorPath, encoding: .utf8)) ?? ""
        try? (output + errors).write(to: log, atomically: true, encoding: .utf8)
        guard exit.isSuccess else {
            let tail = (output + errors).split(separator: "\n", omittingEmptySubsequences: false).suffix(25).joined(separator: "\n")
            throw VerifyError.buildFailed(example: example, command: "swift " + arguments.joined(separator: " "), log: log.path, tail: tail)
        }
        try? FileManager.default.removeItem(atPath: child.outputPath)
        try? FileManager.default.removeItem(atPath: child.errorPath)
        return output
    }

    /// The names of the executable products in `swift package describe --type json` output.
    static func executableProducts(in json: String) -> [String] {
        guard let start = json.firstIndex(of: "{"),
            let value = try? JSONDecoder().decode(JSONValue.self, from: Data(json[start...].utf8)),
            case .object(let root) = value, case .array(let products)? = root["products"]
        else { return [] }
        return products.compactMap { product in
            guard case .object(let fields) = product, case .string(let name)? = fields["name"], case .object(let type)? = fields["type"],
                type["executable"] != nil
            else { return nil }
            return name
        }
    }
}

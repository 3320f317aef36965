import Foundation

/// Finds or installs a Python that can import a given package, for the interop tests against Python
/// implementations (Apache Avro's, Confluent's client).
///
/// It uses `python3` when that already imports the package; otherwise it makes a virtual environment in the
/// temporary directory and installs the requirement there with pip, kept for later runs. When pip cannot reach
/// its package index the interop tests are skipped, saying so (see ``isUsable()``); any other failure fails them.
public actor PythonEnvironment {
    /// A failure to find or set up the interpreter, with what to do about it.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong.
        public var description: String
        /// Whether pip failed because it could not reach its package index (PyPI or the configured mirror).
        public var indexUnreachable = false
    }

    private let imports: String
    private let requirement: String
    private let environmentName: String
    private var interpreter: Task<String, any Error>?

    /// Describes an environment.
    /// - Parameters:
    ///   - imports: The Python `import` statement that must succeed, e.g. `import avro.io`.
    ///   - requirement: What pip installs when it does not, e.g. `avro>=1.11,<2`.
    ///   - environmentName: The virtual environment's folder name in the temporary directory.
    public init(imports: String, requirement: String, environmentName: String) {
        self.imports = imports
        self.requirement = requirement
        self.environmentName = environmentName
    }

    /// Whether the interop tests can run: `false` only when the package is not installed and pip cannot reach
    /// its index, so a test trait can skip them with that reason. Any other failure answers `true`, and the tests
    /// then fail with it.
    public func isUsable() async -> Bool {
        do {
            _ = try await python()
            return true
        } catch let failure as Failure {
            return !failure.indexUnreachable
        } catch {
            return true
        }
    }

    /// The path of a Python interpreter that can run `imports`; found or installed once per test process.
    public func python() async throws -> String {
        if let interpreter {
            return try await interpreter.value
        }
        let task = Task { [imports, requirement, environmentName] in
            try await Self.findOrInstall(imports: imports, requirement: requirement, environmentName: environmentName)
        }
        interpreter = task
        return try await task.value
    }

    private static func findOrInstall(imports: String, requirement: String, environmentName: String) async throws -> String {
        let check = ["-c", imports]
        if try await ProcessRunner.run("python3", check).status == 0 {
            return "python3"
        }
        let environment = FileManager.default.temporaryDirectory.appendingPathComponent(environmentName)
        let python = environment.appendingPathComponent("bin/python").path
        if FileManager.default.isExecutableFile(atPath: python), try await ProcessRunner.run(python, check).status == 0 {
            return python
        }
        let created = try await ProcessRunner.run("python3", ["-m", "venv", "--clear", environment.path])
        guard created.status == 0 else {
            throw Failure(description: "python3 -m venv failed (install python3-venv): \(created.output)")
        }
        let installed = try await ProcessRunner.run(
            python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", requirement])
        guard installed.status == 0 else {
            let offline = ["NewConnectionError", "Failed to establish a new connection", "Temporary failure in name resolution",
                           "Network is unreachable", "No matching distribution found", "ProxyError", "ConnectTimeoutError"]
            throw Failure(
                description: "pip install \(requirement) failed; the interop tests need PyPI: \(installed.output)",
                indexUnreachable: offline.contains { installed.output.contains($0) })
        }
        guard try await ProcessRunner.run(python, check).status == 0 else {
            throw Failure(description: "\(requirement) was installed into \(environment.path) but `\(imports)` fails")
        }
        return python
    }
}

import Foundation

/// Finds or installs a Python that can import a given package, for the interop tests against Python
/// implementations (Apache Avro's, Confluent's client).
///
/// It uses `python3` when that already imports the package; otherwise it makes a virtual environment in the
/// temporary directory and installs the requirement there with pip, kept for later runs. Any failure fails the
/// tests: interop is never skipped silently.
public actor PythonEnvironment {
    /// A failure to find or set up the interpreter, with what to do about it.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong.
        public var description: String
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
            throw Failure(description: "pip install \(requirement) failed; the interop tests need PyPI: \(installed.output)")
        }
        guard try await ProcessRunner.run(python, check).status == 0 else {
            throw Failure(description: "\(requirement) was installed into \(environment.path) but `\(imports)` fails")
        }
        return python
    }
}

public import KafkaSkillModel
/// An error from `kafka-skill verify`: a lesson plan that cannot be read, an event line that breaks the
/// service-event protocol, an example that does not build, a process that cannot start, or a report that
/// cannot be written. Every message names the file (with line and column where known) or the field, and
/// says what to do.
public enum VerifyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A lesson spec is not valid YAML or its `verify:` section has the wrong shape.
    case invalidPlan(SourceLocation, problem: String)
    /// A lesson asked for with `--lesson N` does not exist.
    case unknownLesson(Int, available: [Int])
    /// The lessons folder holds no lesson specs.
    case noLessons(directory: String)
    /// A line of a service's event file breaks the service-event protocol.
    case malformedEvent(SourceLocation, problem: String)
    /// `swift build` (or `swift package describe`) failed for an example.
    case buildFailed(example: String, command: String, log: String, tail: String)
    /// The example package defines no executable product, or several and none named after the example.
    case noExecutable(example: String, found: [String])
    /// A child process could not be started.
    case processLaunchFailed(executable: String, reason: String)
    /// A file or folder could not be read or written.
    case io(path: String, operation: String, reason: String)
    /// The cluster could not be started or reached.
    case cluster(String)

    /// A message that says where the problem is and what to do.
    public var description: String {
        switch self {
        case .invalidPlan(let location, let problem):
            return "\(location): \(problem)"
        case .unknownLesson(let number, let available):
            let list = available.map(String.init).joined(separator: ", ")
            return "--lesson \(number): there is no lesson \(number) in the lessons folder; choose one of \(list)"
        case .noLessons(let directory):
            return "\(directory): no lesson specs (NN-slug.yaml) found; run verify from the project root or pass --project"
        case .malformedEvent(let location, let problem):
            return "\(location): \(problem); each line must be one JSON object as the service-event protocol (ServiceEvent) describes"
        case .buildFailed(let example, let command, let log, let tail):
            return "example '\(example)' did not build (`\(command)`); full log: \(log)\n\(tail)"
        case .noExecutable(let example, let found):
            if found.isEmpty {
                return "example '\(example)' defines no executable product; add an .executable product to its Package.swift"
            }
            return "example '\(example)' defines several executables (\(found.joined(separator: ", "))); "
                + "name one of them '\(example)' so verify knows which to run"
        case .processLaunchFailed(let executable, let reason):
            return "could not start \(executable): \(reason); check that it exists and is executable"
        case .io(let path, let operation, let reason):
            return "\(path): could not \(operation): \(reason)"
        case .cluster(let reason):
            return "cluster: \(reason)"
        }
    }
}

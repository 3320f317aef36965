public import Foundation
import Synchronization

/// Keeps every child process of a run, so that none outlives it: on success, on failure and on Ctrl-C
/// (task cancellation) the runner stops them all, each with its whole process group.
public final class ProcessSupervisor: Sendable {
    private let children = Mutex<[ChildProcess]>([])

    /// Creates an empty supervisor.
    public init() {}

    /// Starts a process and keeps it.
    /// - Parameters:
    ///   - name: The name for logs and reports.
    ///   - executable: The program.
    ///   - arguments: Its arguments.
    ///   - environment: Its whole environment.
    ///   - workingDirectory: Where it runs.
    ///   - logPrefix: Path prefix for its logs: `<prefix>.out` and `<prefix>.err`.
    /// - Throws: ``VerifyError/processLaunchFailed(executable:reason:)``.
    public func launch(
        name: String, executable: URL, arguments: [String] = [], environment: [String: String], workingDirectory: URL,
        logPrefix: String
    ) throws -> ChildProcess {
        let child = try ChildProcess(
            name: name, executable: executable, arguments: arguments, environment: environment, workingDirectory: workingDirectory,
            outputPath: logPrefix + ".out", errorPath: logPrefix + ".err")
        children.withLock { $0.append(child) }
        return child
    }

    /// The processes still running.
    public var running: [ChildProcess] { children.withLock { $0.filter(\.isRunning) } }

    /// Stops every process still running (SIGTERM, then SIGKILL after `grace`), all at once, and waits.
    public func terminateAll(grace: Duration) async {
        let all = children.withLock { $0 }
        await withTaskGroup(of: Void.self) { group in
            for child in all {
                group.addTask { await child.terminate(grace: grace) }
            }
        }
    }

    /// Sends SIGKILL to every process group at once, without waiting; for the last moment before exit.
    public func killAllNow() {
        for child in children.withLock({ $0 }) { child.signalGroup(SIGKILL) }
    }
}

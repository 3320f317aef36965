public import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a child process ended.
public struct ProcessExit: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The exit code, when it exited on its own.
    public var code: Int32?
    /// The signal that ended it, when one did.
    public var signal: Int32?

    /// Creates an exit record.
    public init(code: Int32?, signal: Int32?) {
        self.code = code
        self.signal = signal
    }

    /// Whether it exited with code 0.
    public var isSuccess: Bool { code == 0 }

    /// `exit 0`, `exit 1`, or `killed by signal 9`.
    public var description: String {
        if let signal { return "killed by signal \(signal)" }
        return "exit \(code ?? -1)"
    }
}

/// A child process started with Foundation's `Process`, in a process group of its own, so stopping it
/// stops everything it started.
///
/// Waiting never blocks a thread of Swift's cooperative pool: `Process` reports the exit on its own thread
/// and resumes the waiters. Waiting with a timeout also works in a cancelled task, so cleanup after Ctrl-C
/// still stops every process.
public final class ChildProcess: Sendable {
    /// The name the runner gave it, e.g. `at-least-once-consumer#2`.
    public let name: String
    /// The process id; also its process group id.
    public let pid: Int32
    /// The file its standard output goes to.
    public let outputPath: String
    /// The file its standard error goes to.
    public let errorPath: String
    private let process: Process
    private let state = Mutex(State())

    private struct State {
        var exit: ProcessExit?
        var waiters: [CheckedContinuation<ProcessExit, Never>] = []
    }

    /// Starts a process.
    /// - Parameters:
    ///   - name: The name for logs and reports.
    ///   - executable: The program.
    ///   - arguments: Its arguments.
    ///   - environment: Its whole environment.
    ///   - workingDirectory: Where it runs.
    ///   - outputPath: A file for its standard output (created or truncated).
    ///   - errorPath: A file for its standard error (created or truncated).
    /// - Throws: ``VerifyError/processLaunchFailed(executable:reason:)``.
    public init(
        name: String, executable: URL, arguments: [String], environment: [String: String], workingDirectory: URL,
        outputPath: String, errorPath: String
    ) throws {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw VerifyError.processLaunchFailed(executable: executable.path, reason: "no executable file there")
        }
        let process = Process()
        #if os(Linux)
        // A child inherits ignored signals across exec, and a caller that handles Ctrl-C through a dispatch
        // source ignores SIGINT and SIGTERM; GNU env restores the defaults before running the program, so
        // the service still stops on SIGTERM. env execs the program, so the pid stays the program's.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["--default-signal=TERM,INT,HUP,QUIT,PIPE", "--", executable.path] + arguments
        #else
        process.executableURL = executable
        process.arguments = arguments
        #endif
        process.environment = environment
        process.currentDirectoryURL = workingDirectory
        let output = try Self.openForWriting(outputPath)
        let errors = outputPath == errorPath ? output : try Self.openForWriting(errorPath)
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        self.name = name
        self.outputPath = outputPath
        self.errorPath = errorPath
        let box = ExitBox()
        process.terminationHandler = { finished in
            box.finish(ProcessExit(
                code: finished.terminationReason == .exit ? finished.terminationStatus : nil,
                signal: finished.terminationReason == .uncaughtSignal ? finished.terminationStatus : nil))
        }
        do {
            try process.run()
        } catch {
            try? output.close()
            try? errors.close()
            throw VerifyError.processLaunchFailed(executable: executable.path, reason: "\(error)")
        }
        try? output.close()
        if outputPath != errorPath { try? errors.close() }
        self.process = process
        pid = process.processIdentifier
        // Foundation on Linux starts each child in a new process group; make sure of it elsewhere too.
        if getpgid(pid) != pid { _ = setpgid(pid, pid) }
        box.attach(self)
    }

    /// How it ended, or `nil` while it runs.
    public var exit: ProcessExit? { state.withLock { $0.exit } }

    /// Whether it is still running.
    public var isRunning: Bool { exit == nil }

    /// Waits until it exits.
    @discardableResult
    public func waitForExit() async -> ProcessExit {
        await withCheckedContinuation { continuation in
            let done = state.withLock { state -> ProcessExit? in
                if let exit = state.exit { return exit }
                state.waiters.append(continuation)
                return nil
            }
            if let done { continuation.resume(returning: done) }
        }
    }

    /// Waits until it exits or `timeout` passes, whichever comes first; works in a cancelled task.
    /// - Returns: How it ended, or `nil` if it still runs.
    public func waitForExit(timeout: Duration) async -> ProcessExit? {
        let milliseconds = Int(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        return await withCheckedContinuation { (continuation: CheckedContinuation<ProcessExit?, Never>) in
            let once = ResumeOnce(continuation)
            let waiter = Task { once.resume(await self.waitForExit()) }
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(milliseconds)) {
                once.resume(nil)
                waiter.cancel()
            }
        }
    }

    /// Sends a signal to its whole process group.
    public func signalGroup(_ signal: Int32) {
        if kill(-pid, signal) != 0 && errno == ESRCH, isRunning {
            kill(pid, signal)
        }
    }

    /// Stops it: SIGTERM to the group, then SIGKILL to the group if it has not exited within `grace`.
    /// Whatever else the group still holds is killed either way.
    /// - Returns: How it ended.
    @discardableResult
    public func terminate(grace: Duration) async -> ProcessExit {
        if isRunning {
            signalGroup(SIGTERM)
            if let exit = await waitForExit(timeout: grace) {
                signalGroup(SIGKILL)
                return exit
            }
        }
        signalGroup(SIGKILL)
        return await waitForExit()
    }

    fileprivate func finish(_ exit: ProcessExit) {
        let waiters = state.withLock { state -> [CheckedContinuation<ProcessExit, Never>] in
            state.exit = exit
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(returning: exit) }
    }

    private static func openForWriting(_ path: String) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw VerifyError.io(path: path, operation: "create the log file", reason: "check that its folder exists and is writable")
        }
        return handle
    }
}

/// Carries the exit from `Process`'s termination handler to the `ChildProcess`, which may not exist yet
/// when a very short-lived process ends.
private final class ExitBox: Sendable {
    private let state = Mutex<(owner: ChildProcess?, exit: ProcessExit?)>((nil, nil))

    func finish(_ exit: ProcessExit) {
        let owner = state.withLock { state -> ChildProcess? in
            state.exit = exit
            return state.owner
        }
        owner?.finish(exit)
    }

    func attach(_ owner: ChildProcess) {
        let exit = state.withLock { state -> ProcessExit? in
            state.owner = owner
            return state.exit
        }
        if let exit { owner.finish(exit) }
    }
}

/// Resumes a continuation exactly once, from whichever of two racing sources comes first.
private final class ResumeOnce<Value: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<Value, Never>?>

    init(_ continuation: CheckedContinuation<Value, Never>) {
        self.continuation = Mutex(continuation)
    }

    func resume(_ value: Value) {
        let pending = continuation.withLock { slot -> CheckedContinuation<Value, Never>? in
            defer { slot = nil }
            return slot
        }
        pending?.resume(returning: value)
    }
}

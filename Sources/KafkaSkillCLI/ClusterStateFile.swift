import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file where `cluster up` records the running cluster, written atomically.
struct ClusterStateFile {
    let url: URL

    func write(_ status: ClusterStatus) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(status).write(to: url, options: .atomic)
    }

    func read() throws -> ClusterStatus {
        guard let data = try? Data(contentsOf: url) else {
            throw CLIError.noRunningCluster(url.path)
        }
        do {
            return try JSONDecoder().decode(ClusterStatus.self, from: data)
        } catch {
            throw CLIError.unreadableState(url.path, "\(error)")
        }
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    /// Makes room for a new cluster: refuses while the recorded one answers on its control port or its
    /// process still exists, and removes a record whose process is gone.
    func claim() async throws {
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        guard let recorded = try? read() else {
            throw CLIError.commandFailed(
                "\(url.path) exists but is not a cluster record; move it away or choose another --state-dir")
        }
        if (try? await ClusterControlClient.send(.status, port: recorded.controlPort)) != nil {
            throw CLIError.alreadyRunning(url.path, recorded.bootstrapServers, recorded.processId)
        }
        guard !Self.processExists(recorded.processId) else {
            throw CLIError.commandFailed(
                "process \(recorded.processId) recorded in \(url.path) is still running but its control port "
                    + "\(recorded.controlPort) does not answer; stop that process, or use another --state-dir")
        }
        remove()
    }

    /// Whether a process with this id exists (signal 0 checks without sending anything).
    static func processExists(_ id: Int32) -> Bool {
        guard id > 0 else { return false }
        return kill(id, 0) == 0 || errno == EPERM
    }
}

/// Failures of the command itself, worded for the person at the terminal.
enum CLIError: Error, CustomStringConvertible {
    case noRunningCluster(String)
    case unreadableState(String, String)
    case commandFailed(String)
    case notAnswering(String)
    case alreadyRunning(String, String, Int32)

    var description: String {
        switch self {
        case .noRunningCluster(let path):
            return "no embedded cluster is running (no state file at \(path)); start one with `kafka-skill cluster up`"
        case .unreadableState(let path, let reason):
            return "the cluster state file \(path) is unreadable (\(reason)); stop the cluster and start it again"
        case .commandFailed(let message), .notAnswering(let message):
            return message
        case .alreadyRunning(let path, let bootstrap, let process):
            return "an embedded cluster is already running (process \(process), bootstrap servers \(bootstrap), recorded in "
                + "\(path)); stop it with `kafka-skill cluster down`, or use another --state-dir"
        }
    }
}

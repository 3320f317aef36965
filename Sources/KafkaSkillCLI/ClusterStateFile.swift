import Foundation
import Kafka

/// The file where `cluster up` records the running cluster, written atomically.
struct ClusterStateFile {
    let url: URL

    func write(_ status: EmbeddedClusterStatus) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(status).write(to: url, options: .atomic)
    }

    func read() throws -> EmbeddedClusterStatus {
        guard let data = try? Data(contentsOf: url) else {
            throw CLIError.noRunningCluster(url.path)
        }
        do {
            return try JSONDecoder().decode(EmbeddedClusterStatus.self, from: data)
        } catch {
            throw CLIError.unreadableState(url.path, "\(error)")
        }
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Failures of the command itself, worded for the person at the terminal.
enum CLIError: Error, CustomStringConvertible {
    case noRunningCluster(String)
    case unreadableState(String, String)
    case commandFailed(String)

    var description: String {
        switch self {
        case .noRunningCluster(let path):
            return "no embedded cluster is running (no state file at \(path)); start one with `kafka-skill cluster up`"
        case .unreadableState(let path, let reason):
            return "the cluster state file \(path) is unreadable (\(reason)); stop the cluster and start it again"
        case .commandFailed(let message):
            return message
        }
    }
}

import EmbeddedKafka
import Foundation

/// A request to a running cluster's control port (`cluster fault`, `status`, `down`): one JSON object per line.
enum ClusterControlCommand: Sendable, Hashable, Codable {
    /// Apply a fault.
    case fault(EmbeddedClusterFault)
    /// Report the cluster's state.
    case status
    /// Stop the cluster.
    case shutdown
}

/// The answer to a ``ClusterControlCommand``, one JSON line.
struct ClusterControlReply: Sendable, Hashable, Codable {
    /// Whether the command succeeded.
    var ok: Bool
    /// What happened, or why it failed.
    var message: String
    /// The cluster's state, for `status`.
    var status: ClusterStatus?
}

/// A running cluster's state, as `cluster status --json` prints it and as its state file records it.
struct ClusterStatus: Sendable, Hashable, Codable {
    /// The bootstrap servers.
    var bootstrapServers: String
    /// How many brokers.
    var brokers: Int
    /// Brokers currently down.
    var downBrokers: [Int32]
    /// Topics with their partition counts.
    var topics: [String: Int]
    /// The loopback port that accepts ``ClusterControlCommand``s.
    var controlPort: Int
    /// The process id of the process hosting the cluster.
    var processId: Int32
}

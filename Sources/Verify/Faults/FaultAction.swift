public import EmbeddedKafka
import Kafka

/// What a step of a fault scenario does: a change to the cluster, or an action on the service processes.
public enum FaultAction: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Applies a fault to the embedded cluster (needs the embedded cluster's fault API).
    case cluster(EmbeddedClusterFault)
    /// Moves the leader of every partition of every topic in the run to the next broker.
    case moveLeaders
    /// Kills one target process with SIGKILL, then starts it again after a pause.
    case killAndRestart(ProcessTarget, restartAfterMilliseconds: Int)
    /// Starts one more instance of a target service, with the same environment: a new group member, or for a
    /// processor a second owner of the same `transactional.id`.
    case startExtraInstance(ProcessTarget)
    /// Stops the newest extra instance of a target service with SIGTERM, so it leaves the group cleanly.
    case stopExtraInstance(ProcessTarget)
    /// Pauses the broker process verify started (SIGSTOP), and resumes it (SIGCONT) after a while.
    case pauseBroker(milliseconds: Int)

    /// Whether the action needs the embedded cluster's fault API (and so cannot run against `--bootstrap`).
    public var needsEmbeddedCluster: Bool {
        switch self {
        case .cluster, .moveLeaders: return true
        case .killAndRestart, .startExtraInstance, .stopExtraInstance, .pauseBroker: return false
        }
    }

    /// A one-line account, e.g. `SIGKILL a consumer, restart after 500 ms`.
    public var description: String {
        switch self {
        case .cluster(let fault): return fault.description
        case .moveLeaders: return "move every partition leader to the next broker"
        case .killAndRestart(let target, let pause): return "SIGKILL a \(target.rawValue), restart it after \(pause) ms"
        case .startExtraInstance(let target): return "start another \(target.rawValue) instance"
        case .stopExtraInstance(let target): return "stop the extra \(target.rawValue) instance (SIGTERM)"
        case .pauseBroker(let milliseconds): return "pause the broker process for \(milliseconds) ms (SIGSTOP, SIGCONT)"
        }
    }
}

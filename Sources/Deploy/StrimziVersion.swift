/// A Strimzi release, which decides the custom resources' API version and the Kafka version to run.
///
/// - `kafka.strimzi.io/v1beta2` up to 0.48: 0.46 and 0.47 also need the `strimzi.io/node-pools` and
///   `strimzi.io/kraft` annotations on the `Kafka` (0.48 enables KRaft and node pools by default).
/// - `kafka.strimzi.io/v1` from 0.49 (0.49 and 0.50 serve both, `v1beta2` still stored; 0.49 is the
///   first release with `v1`) and the only version served from 1.0 (1.0 removed `v1beta2`).
/// Releases before 0.46 (ZooKeeper) are refused.
public struct StrimziVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Major, minor and patch.
    public var major: Int, minor: Int, patch: Int

    /// The release the manifests target unless `--strimzi` says otherwise.
    public static let latest = StrimziVersion(major: 1, minor: 2, patch: 0)

    /// Creates a version.
    public init(major: Int, minor: Int, patch: Int = 0) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// Parses `0.48`, `0.48.0` or `1.2.0`.
    /// - Throws: ``DeployError`` with `.invalidArgument` for other text or a release before 0.46.
    public init(parsing text: String) throws(DeployError) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard (2...3).contains(parts.count), parts.allSatisfy({ $0 != nil && $0! >= 0 }) else {
            throw DeployError(.invalidArgument, "--strimzi \(text): expected a release such as 0.48.0 or 1.2.0")
        }
        self.init(major: parts[0]!, minor: parts[1]!, patch: parts.count == 3 ? parts[2]! : 0)
        guard self >= StrimziVersion(major: 0, minor: 46) else {
            throw DeployError(.invalidArgument, "--strimzi \(text): releases before 0.46 run ZooKeeper; KRaft manifests need 0.46 or later")
        }
    }

    /// `kafka.strimzi.io/v1` from 0.49, `kafka.strimzi.io/v1beta2` before.
    public var apiVersion: String { self >= StrimziVersion(major: 0, minor: 49) ? "kafka.strimzi.io/v1" : "kafka.strimzi.io/v1beta2" }

    /// Whether the `Kafka` needs the node-pool and KRaft annotations (0.46 and 0.47).
    public var needsKRaftAnnotations: Bool { self < StrimziVersion(major: 0, minor: 48) }

    /// The default Kafka version of the release (its `kafka-versions.yaml`).
    public var kafkaVersion: String {
        switch (major, minor) {
        case (0, 46), (0, 47): return "4.0.0"
        case (0, 48): return "4.1.0"
        case (0, 49), (0, 50): return "4.1.1"
        case (0, _), (1, 0): return "4.2.0"
        case (1, 1): return "4.3.0"
        default: return "4.3.1"
        }
    }

    /// `0.48.0`.
    public var description: String { "\(major).\(minor).\(patch)" }

    public static func < (lhs: StrimziVersion, rhs: StrimziVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }
}

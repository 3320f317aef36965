/// The broker a lesson ran against, and what a run on it can and cannot prove; every lesson's report names it.
public struct BrokerProfile: Sendable, Hashable, Codable {
    /// The broker's name: `librdkafka mock cluster`, `noida-db`, or `Kafka (--bootstrap)`.
    public var name: String
    /// Its version, when it tells one.
    public var version: String?
    /// The bootstrap servers the run used.
    public var address: String
    /// The kind of cluster, which decides which claims the checker accepts from it.
    public var kind: ClusterKind
    /// What runs on this broker can prove.
    public var proves: [String]
    /// What they cannot, and why.
    public var cannotProve: [String]
    /// The broker's own output, when verify started it.
    public var logPath: String?

    /// Creates a profile.
    public init(
        name: String, version: String?, address: String, kind: ClusterKind, proves: [String], cannotProve: [String],
        logPath: String? = nil
    ) {
        self.name = name
        self.version = version
        self.address = address
        self.kind = kind
        self.proves = proves
        self.cannotProve = cannotProve
        self.logPath = logPath
    }

    /// `noida-db 0.2.3 at 127.0.0.1:40123`.
    public var title: String {
        [name, version].compactMap { $0 }.joined(separator: " ") + " at \(address)"
    }
}

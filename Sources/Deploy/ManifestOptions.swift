/// How big and how safe the cluster the manifests describe is.
public enum ManifestProfile: String, Sendable, Hashable, CaseIterable {
    /// One dual-role node (controller and broker) on ephemeral storage, replication factor 1: a laptop or CI.
    case dev
    /// Three controllers and three brokers on persistent JBOD storage with the KRaft metadata on it, rack
    /// awareness, resource requests and limits, replication factor 3 and `min.insync.replicas=2`.
    case production
}

/// How users authenticate to the cluster's listener.
public enum ManifestAuthentication: String, Sendable, Hashable, CaseIterable {
    /// SCRAM-SHA-512 over TLS: the User Operator writes each user's password into a Secret.
    case scram
    /// Mutual TLS: the User Operator writes each user's certificate into a Secret.
    case tls

    /// The `authentication.type` value in `Kafka` listeners and `KafkaUser`s.
    var strimziType: String { self == .scram ? "scram-sha-512" : "tls" }
}

/// What `kafka-skill manifests` generates.
public struct ManifestOptions: Sendable, Hashable {
    /// The cluster's size and safety.
    public var profile: ManifestProfile
    /// The Strimzi release, which picks the API version.
    public var strimzi: StrimziVersion
    /// The `Kafka` resource's name (and the `strimzi.io/cluster` label of the others).
    public var clusterName: String
    /// How users authenticate.
    public var authentication: ManifestAuthentication

    /// Creates options.
    public init(
        profile: ManifestProfile, strimzi: StrimziVersion = .latest, clusterName: String = "my-cluster",
        authentication: ManifestAuthentication = .scram
    ) {
        self.profile = profile
        self.strimzi = strimzi
        self.clusterName = clusterName
        self.authentication = authentication
    }

    /// The replication factor the profile allows at most (dev runs a single broker).
    var maxReplicas: Int { profile == .dev ? 1 : 3 }
}

public import Scaffold

/// One file `kafka-skill manifests` writes.
public struct ManifestFile: Sendable, Hashable {
    /// The path inside the output folder, e.g. `topics/order-events.yaml`.
    public var path: String
    /// The YAML text.
    public var contents: String
    /// The documents in it, as typed trees (what the tests validate without re-parsing).
    package var documents: [YAMLTree]
}

/// Builds the Strimzi resources for a set of service specs: the `Kafka` cluster (KRaft, listeners, metrics,
/// Kafka Exporter) with its node pools, a `KafkaTopic` per topic the specs name, and a `KafkaUser` per
/// service whose ACLs follow its role.
public struct StrimziManifests: Sendable {
    /// What to generate.
    public var options: ManifestOptions

    /// Creates a builder.
    public init(options: ManifestOptions) {
        self.options = options
    }

    /// The files, in a fixed order: `kafka.yaml` (the `Kafka` and its `KafkaNodePool`s),
    /// `kafka-metrics.yaml` (the JMX exporter rules), `topics/<topic>.yaml`, `users/<service>.yaml`.
    /// - Throws: ``DeployError`` with `.conflict` when two specs give one topic different partition counts
    ///   or configurations, or two specs share a name.
    public func files(for specs: [ServiceSpec]) throws(DeployError) -> [ManifestFile] {
        let apiVersion = options.strimzi.apiVersion
        let cluster = KafkaClusterResource(options: options)
        var files = [
            try file("kafka.yaml", [cluster.document] + cluster.nodePools.map { $0.document(apiVersion: apiVersion, cluster: options.clusterName) }),
            try file("kafka-metrics.yaml", [cluster.metricsConfigMap]),
        ]
        for topic in try topics(for: specs) {
            files.append(try file("topics/\(topic.resourceName).yaml", [topic.document(apiVersion: apiVersion, cluster: options.clusterName)]))
        }
        var seen: Set<String> = []
        for spec in specs.sorted(by: { $0.name < $1.name }) {
            guard seen.insert(spec.name).inserted else {
                throw DeployError(.conflict, "two specs are named \(spec.name); each service needs its own KafkaUser")
            }
            let user = UserResource(name: spec.name, authentication: options.authentication, acls: Self.acls(for: spec))
            files.append(try file("users/\(spec.name).yaml", [user.document(apiVersion: apiVersion, cluster: options.clusterName)]))
        }
        return files
    }

    private func file(_ path: String, _ documents: [YAMLTree]) throws(DeployError) -> ManifestFile {
        ManifestFile(path: path, contents: try YAMLTree.stream(documents), documents: documents)
    }

    /// One topic per name across the specs; replicas are capped by the profile (1 on dev, where a
    /// `min.insync.replicas` above it is lowered to match).
    func topics(for specs: [ServiceSpec]) throws(DeployError) -> [TopicResource] {
        var topics: [String: (TopicResource, owner: String)] = [:]
        for spec in specs {
            for topic in spec.topics {
                let replicas = min(topic.replicationFactor, options.maxReplicas)
                var config = topic.config
                if let minISR = config["min.insync.replicas"].flatMap(Int.init), minISR > replicas {
                    config["min.insync.replicas"] = String(replicas)
                }
                let resource = TopicResource(topicName: topic.name, partitions: topic.partitions, replicas: replicas, config: config)
                guard let (existing, owner) = topics[topic.name] else {
                    topics[topic.name] = (resource, spec.name)
                    continue
                }
                if existing.partitions != resource.partitions {
                    throw DeployError(.conflict, "topic \(topic.name): \(owner) asks for \(existing.partitions) partitions, \(spec.name) for \(resource.partitions); make the specs agree")
                }
                var merged = existing
                merged.replicas = max(existing.replicas, resource.replicas)
                for (key, value) in resource.config {
                    if let other = existing.config[key], other != value {
                        throw DeployError(.conflict, "topic \(topic.name): \(owner) sets \(key)=\(other), \(spec.name) sets \(key)=\(value); make the specs agree")
                    }
                    merged.config[key] = value
                }
                topics[topic.name] = (merged, owner)
            }
        }
        return topics.values.map(\.0).sorted { $0.topicName < $1.topicName }
    }

    /// The ACLs a service's role needs: Read and Describe on the topics it reads and Read on its group;
    /// Write and Describe on the topics it writes (the dead-letter topic included); for a transactional
    /// (exactly-once) service, Write and Describe on transactional ids starting with `<service>-` (its
    /// instances' ids are `<service>-<pod name>`).
    static func acls(for spec: ServiceSpec) -> [ACLRule] {
        var rules: [ACLRule] = []
        for topic in spec.topics {
            let operations = topic.direction == .input ? ["Describe", "Read"] : ["Describe", "Write"]
            rules.append(ACLRule(resourceType: .topic, name: topic.name, operations: operations))
        }
        if let group = spec.group, spec.role != .producer {
            rules.append(ACLRule(resourceType: .group, name: group, operations: ["Read"]))
        }
        if spec.delivery == .exactlyOnce {
            rules.append(ACLRule(resourceType: .transactionalId, name: "\(spec.name)-", prefix: true, operations: ["Describe", "Write"]))
        }
        return Array(Set(rules)).sorted()
    }
}

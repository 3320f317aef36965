/// The typed values behind each Strimzi resource the manifests hold; each renders itself as a ``YAMLTree``
/// with its keys in a fixed order.

/// Kubernetes object metadata.
struct ObjectMeta: Sendable, Hashable {
    var name: String
    var labels: [String: String] = [:]
    var annotations: [String: String] = [:]

    var tree: YAMLTree {
        .mapping([
            ("name", .string(name)),
            ("labels", labels.isEmpty ? nil : .sorted(labels)),
            ("annotations", annotations.isEmpty ? nil : .sorted(annotations)),
        ])
    }
}

/// A `KafkaNodePool`: a set of nodes sharing roles, storage and resources.
struct NodePool: Sendable, Hashable {
    enum Role: String, Sendable { case controller, broker }
    struct Volume: Sendable, Hashable {
        var id: Int
        var size: String
        var kraftMetadata: Bool
    }
    enum Storage: Sendable, Hashable {
        case ephemeral
        case jbod([Volume])
    }
    struct Resources: Sendable, Hashable {
        var cpuRequest: String
        var memory: String
    }

    var name: String
    var replicas: Int
    var roles: [Role]
    var storage: Storage
    var resources: Resources?

    func document(apiVersion: String, cluster: String) -> YAMLTree {
        let storageTree: YAMLTree
        switch storage {
        case .ephemeral:
            storageTree = .map([("type", .string("ephemeral"))])
        case .jbod(let volumes):
            storageTree = .map([
                ("type", .string("jbod")),
                ("volumes", .list(volumes.map { volume in
                    .mapping([
                        ("id", .int(volume.id)),
                        ("type", .string("persistent-claim")),
                        ("size", .string(volume.size)),
                        ("kraftMetadata", volume.kraftMetadata ? .string("shared") : nil),
                        ("deleteClaim", .bool(false)),
                    ])
                })),
            ])
        }
        return .mapping([
            ("apiVersion", .string(apiVersion)),
            ("kind", .string("KafkaNodePool")),
            ("metadata", ObjectMeta(name: name, labels: ["strimzi.io/cluster": cluster]).tree),
            ("spec", .mapping([
                ("replicas", .int(replicas)),
                ("roles", .list(roles.map { .string($0.rawValue) })),
                ("storage", storageTree),
                ("resources", resources.map { resources in
                    .map([
                        ("requests", .map([("cpu", .string(resources.cpuRequest)), ("memory", .string(resources.memory))])),
                        ("limits", .map([("memory", .string(resources.memory))])),
                    ])
                }),
            ])),
        ])
    }
}

/// A `KafkaTopic`.
struct TopicResource: Sendable, Hashable {
    var topicName: String
    var partitions: Int
    var replicas: Int
    var config: [String: String]

    var resourceName: String { KubernetesName.isValid(topicName) ? topicName : KubernetesName.derived(from: topicName) }

    func document(apiVersion: String, cluster: String) -> YAMLTree {
        .mapping([
            ("apiVersion", .string(apiVersion)),
            ("kind", .string("KafkaTopic")),
            ("metadata", ObjectMeta(name: resourceName, labels: ["strimzi.io/cluster": cluster]).tree),
            ("spec", .mapping([
                ("topicName", resourceName == topicName ? nil : .string(topicName)),
                ("partitions", .int(partitions)),
                ("replicas", .int(replicas)),
                ("config", config.isEmpty ? nil : .sorted(config)),
            ])),
        ])
    }
}

/// One ACL rule of a `KafkaUser`.
struct ACLRule: Sendable, Hashable, Comparable {
    enum ResourceType: String, Sendable, Comparable {
        case topic, group, transactionalId
        static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }
    var resourceType: ResourceType
    var name: String
    var prefix: Bool = false
    var operations: [String]

    var tree: YAMLTree {
        .map([
            ("resource", .map([
                ("type", .string(resourceType.rawValue)),
                ("name", .string(name)),
                ("patternType", .string(prefix ? "prefix" : "literal")),
            ])),
            ("operations", .list(operations.map { .string($0) })),
        ])
    }

    static func < (lhs: ACLRule, rhs: ACLRule) -> Bool {
        (lhs.resourceType, lhs.name, lhs.operations.joined(separator: ",")) < (rhs.resourceType, rhs.name, rhs.operations.joined(separator: ","))
    }
}

/// A `KafkaUser`: one per service, with the ACLs its role needs.
struct UserResource: Sendable, Hashable {
    var name: String
    var authentication: ManifestAuthentication
    var acls: [ACLRule]

    func document(apiVersion: String, cluster: String) -> YAMLTree {
        .mapping([
            ("apiVersion", .string(apiVersion)),
            ("kind", .string("KafkaUser")),
            ("metadata", ObjectMeta(name: name, labels: ["strimzi.io/cluster": cluster]).tree),
            ("spec", .map([
                ("authentication", .map([("type", .string(authentication.strimziType))])),
                ("authorization", .map([
                    ("type", .string("simple")),
                    ("acls", .list(acls.sorted().map(\.tree))),
                ])),
            ])),
        ])
    }
}

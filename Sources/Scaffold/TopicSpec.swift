/// Whether a service reads a topic or writes it.
public enum TopicDirection: String, Sendable, Hashable, CaseIterable {
    /// The service reads the topic.
    case input
    /// The service writes the topic.
    case output
}

/// A topic the service reads or writes, with the settings to create it with.
public struct TopicSpec: Sendable, Hashable {
    /// The topic's name.
    public var name: String
    /// How many partitions. Default: 3.
    public var partitions: Int
    /// Replicas per partition. Default: 3.
    public var replicationFactor: Int
    /// Topic-level configuration (`retention.ms`, `cleanup.policy`, …), by Kafka's names.
    public var config: [String: String]
    /// Whether the service reads or writes it.
    public var direction: TopicDirection

    /// Creates a topic.
    public init(
        name: String, partitions: Int = 3, replicationFactor: Int = 3, config: [String: String] = [:],
        direction: TopicDirection
    ) {
        self.name = name
        self.partitions = partitions
        self.replicationFactor = replicationFactor
        self.config = config
        self.direction = direction
    }

    /// Whether `name` is a legal Kafka topic name: 1 to 249 of `[A-Za-z0-9._-]`, and not `.` or `..`.
    public static func isValidName(_ name: String) -> Bool {
        guard (1...249).contains(name.count), name != ".", name != ".." else { return false }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || ".-_".unicodeScalars.contains(scalar))
        }
    }
}

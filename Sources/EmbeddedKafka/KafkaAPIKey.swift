/// A Kafka protocol request type, used to aim injected faults at one kind of request.
public struct KafkaAPIKey: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The protocol's numeric API key.
    public var rawValue: Int16

    /// Creates a key from its number.
    public init(rawValue: Int16) { self.rawValue = rawValue }

    /// Finds a key by name (`Produce`, `fetch`, `OffsetCommit`, `end-txn`, …; case and dashes ignored).
    public init?(name: String) {
        let wanted = name.lowercased().filter { $0.isLetter }
        guard let match = Self.named.first(where: { $0.name.lowercased() == wanted }) else { return nil }
        self = match.key
    }

    /// The protocol name, e.g. `Produce`.
    public var description: String {
        Self.named.first(where: { $0.key == self })?.name ?? "ApiKey\(rawValue)"
    }

    /// Produce requests.
    public static let produce = KafkaAPIKey(rawValue: 0)
    /// Fetch requests.
    public static let fetch = KafkaAPIKey(rawValue: 1)
    /// ListOffsets requests.
    public static let listOffsets = KafkaAPIKey(rawValue: 2)
    /// Metadata requests.
    public static let metadata = KafkaAPIKey(rawValue: 3)
    /// OffsetCommit requests.
    public static let offsetCommit = KafkaAPIKey(rawValue: 8)
    /// OffsetFetch requests.
    public static let offsetFetch = KafkaAPIKey(rawValue: 9)
    /// FindCoordinator requests.
    public static let findCoordinator = KafkaAPIKey(rawValue: 10)
    /// JoinGroup requests.
    public static let joinGroup = KafkaAPIKey(rawValue: 11)
    /// Heartbeat requests.
    public static let heartbeat = KafkaAPIKey(rawValue: 12)
    /// LeaveGroup requests.
    public static let leaveGroup = KafkaAPIKey(rawValue: 13)
    /// SyncGroup requests.
    public static let syncGroup = KafkaAPIKey(rawValue: 14)
    /// InitProducerId requests.
    public static let initProducerId = KafkaAPIKey(rawValue: 22)
    /// AddPartitionsToTxn requests.
    public static let addPartitionsToTxn = KafkaAPIKey(rawValue: 24)
    /// AddOffsetsToTxn requests.
    public static let addOffsetsToTxn = KafkaAPIKey(rawValue: 25)
    /// EndTxn requests.
    public static let endTxn = KafkaAPIKey(rawValue: 26)
    /// TxnOffsetCommit requests.
    public static let txnOffsetCommit = KafkaAPIKey(rawValue: 28)

    /// Every named key, with its protocol name.
    public static let named: [(name: String, key: KafkaAPIKey)] = [
        ("Produce", .produce), ("Fetch", .fetch), ("ListOffsets", .listOffsets), ("Metadata", .metadata),
        ("OffsetCommit", .offsetCommit), ("OffsetFetch", .offsetFetch), ("FindCoordinator", .findCoordinator),
        ("JoinGroup", .joinGroup), ("Heartbeat", .heartbeat), ("LeaveGroup", .leaveGroup), ("SyncGroup", .syncGroup),
        ("InitProducerId", .initProducerId), ("AddPartitionsToTxn", .addPartitionsToTxn),
        ("AddOffsetsToTxn", .addOffsetsToTxn), ("EndTxn", .endTxn), ("TxnOffsetCommit", .txnOffsetCommit),
    ]
}

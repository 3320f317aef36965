/// The kind of cluster a run used, which decides what it can prove.
public enum ClusterKind: String, Sendable, Hashable, Codable {
    /// librdkafka's mock cluster (started by verify, or a `kafka-skill cluster up` reached with `--bootstrap`).
    case embedded
    /// A real Kafka cluster reached with `--bootstrap`.
    case real

    /// Why this cluster cannot prove `assertion` for a run, or `nil` when it can.
    ///
    /// The embedded cluster writes no transaction markers and does not store offsets sent in a transaction
    /// (DESIGN.md), so it cannot show read_committed isolation, nor exactly-once output, nor the committed
    /// position of a transactional processor.
    /// - Parameters:
    ///   - assertion: The claim.
    ///   - transactional: Whether the run used transactions.
    public func limitation(for assertion: DeliveryAssertion, transactional: Bool) -> String? {
        guard self == .embedded else { return nil }
        switch assertion {
        case .noAbortedReads:
            return "the embedded cluster writes no transaction markers, so read_committed readers see aborted records there"
        case .noDuplicates where transactional:
            return "the embedded cluster writes no transaction markers and ignores offsets sent in a transaction "
                + "(TxnOffsetCommit), so aborted and replayed output is visible there"
        case .committedNotAhead where transactional, .lagDrains where transactional:
            return "the embedded cluster does not store offsets sent in a transaction (TxnOffsetCommit), so the group's "
                + "committed position is unknown there"
        default:
            return nil
        }
    }
}

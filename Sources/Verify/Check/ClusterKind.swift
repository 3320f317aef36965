/// The kind of cluster a run used, which decides what it can prove.
public enum ClusterKind: String, Sendable, Hashable, Codable {
    /// librdkafka's mock cluster (started by verify, or a `kafka-skill cluster up` reached with `--bootstrap`).
    case embedded
    /// A real Kafka cluster reached with `--bootstrap`.
    case real
    /// One broker that writes transaction markers, stores offsets sent in a transaction and fences zombies
    /// (`noida-db`, started by `verify --broker noida`): it proves every delivery claim, but no fault that
    /// needs more than one node.
    case singleNode = "single-node"

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

    /// Why this cluster cannot tell whether `evidence` refutes a claim, or `nil` when the anomalies stand.
    ///
    /// librdkafka acknowledges a batch without an offset when a later batch of the same idempotent producer
    /// is accepted, since a broker refuses a sequence gap (OUT_OF_ORDER_SEQUENCE_NUMBER). The embedded cluster
    /// checks sequence numbers only for transactional producers, so a write lost after such an
    /// acknowledgement is the cluster's doing, not the client's or the example's.
    /// - Parameter evidence: The anomalies found against one claim.
    public func limitation(explaining evidence: [Anomaly]) -> String? {
        guard self == .embedded, !evidence.isEmpty, evidence.allSatisfy(Self.isImplicitlyAcknowledgedLoss) else { return nil }
        return "the embedded cluster does not check an idempotent producer's sequence numbers, so it accepted a batch "
            + "after one it never wrote, and librdkafka took the earlier one as written (acknowledged without an "
            + "offset); a real broker refuses such a gap"
    }

    /// A lost write whose acknowledgement carried no offset.
    private static func isImplicitlyAcknowledgedLoss(_ anomaly: Anomaly) -> Bool {
        anomaly.kind == .lostWrite && anomaly.records.allSatisfy { $0.role != "acked" || ($0.offset ?? 0) < 0 }
    }
}

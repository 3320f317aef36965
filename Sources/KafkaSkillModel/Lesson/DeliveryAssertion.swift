/// A claim a lesson makes about delivery, checked over the recorded history.
///
/// The raw values are the names lesson specs use under `verify.assertions`.
public enum DeliveryAssertion: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Every acknowledged write is in the log at the end, and every one the service's consumers should
    /// read was read by them.
    case noLostWrites = "no-lost-writes"
    /// No value is written to the log more than once.
    case noDuplicates = "no-duplicates"
    /// Records with the same key stay in send order in the log, and each consumer reads a partition in
    /// offset order between rebalances.
    case perKeyOrder = "per-key-order"
    /// No record of an aborted transaction (or of a send that definitely failed) is read.
    case noAbortedReads = "no-aborted-reads"
    /// A consumer never commits an offset beyond what it has processed.
    case committedNotAhead = "committed-not-ahead"
    /// The consumer group's lag returns to zero once the input stops.
    case lagDrains = "lag-drains"

    /// Orders assertions as lesson specs list them most often.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .noLostWrites: return 0
        case .noDuplicates: return 1
        case .perKeyOrder: return 2
        case .noAbortedReads: return 3
        case .committedNotAhead: return 4
        case .lagDrains: return 5
        }
    }
}

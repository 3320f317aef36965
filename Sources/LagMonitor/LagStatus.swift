/// A partition's or group's status by Burrow's rules (linkedin/Burrow `core/internal/evaluator`).
public enum LagStatus: String, Sendable, Hashable, Comparable, CaseIterable, Codable {
    /// The group committed no offset for any partition of the cluster's topics.
    case notFound = "NOTFOUND"
    /// Keeping up: lag was zero somewhere in the window, or offsets advance and lag shrinks.
    case ok = "OK"
    /// Offsets advance but lag never shrinks across the window: the consumer is slow.
    case warn = "WARN"
    /// A group with a partition in STOP, STALL or REWIND.
    case err = "ERR"
    /// Commits stopped: the time since the last commit exceeds the window's span.
    case stop = "STOP"
    /// The committed offset did not move across the window while lag stayed above zero.
    case stall = "STALL"
    /// The committed offset went backwards.
    case rewind = "REWIND"

    private var severity: Int {
        switch self {
        case .notFound: return 0
        case .ok: return 1
        case .warn: return 2
        case .err: return 3
        case .stop: return 4
        case .stall: return 5
        case .rewind: return 6
        }
    }

    public static func < (lhs: LagStatus, rhs: LagStatus) -> Bool { lhs.severity < rhs.severity }
}

/// One observation of a partition: the group's committed offset, the lag then, and when.
public struct LagSample: Sendable, Hashable {
    /// The committed offset.
    public var offset: Int64
    /// High watermark minus committed offset, at least 0.
    public var lag: Int64
    /// When the offset counts as committed, in milliseconds on any fixed clock.
    public var timestampMs: Int64

    /// Creates a sample.
    public init(offset: Int64, lag: Int64, timestampMs: Int64) {
        self.offset = offset
        self.lag = max(0, lag)
        self.timestampMs = timestampMs
    }
}

/// Burrow's partition rules over a window of samples, oldest first, as a pure function.
///
/// 1. If the current lag is 0, or any sample in the window has lag 0: OK.
/// 2. Otherwise, in order: REWIND if an offset is lower than the one before it; STOP if
///    `now - last.timestamp > last.timestamp - first.timestamp`; STALL if every offset in the window is
///    the same; WARN if the lag never decreases from one sample to the next; else OK.
///
/// One difference from Burrow: STALL and WARN compare consecutive samples, so a window of one sample
/// (a single `kafka-skill lag` without `--watch`) can only be OK, or STOP when evaluated after it was taken.
public enum BurrowEvaluator {
    /// The status of one partition.
    /// - Parameters:
    ///   - window: The samples, oldest first.
    ///   - currentLag: The partition's lag now.
    ///   - nowMs: The time of evaluation, on the samples' clock.
    public static func status(window: [LagSample], currentLag: Int64, nowMs: Int64) -> LagStatus {
        guard let first = window.first, let last = window.last else { return .ok }
        guard currentLag > 0, !window.contains(where: { $0.lag == 0 }) else { return .ok }
        let pairs = zip(window, window.dropFirst())
        if pairs.contains(where: { $1.offset < $0.offset }) { return .rewind }
        if nowMs - last.timestampMs > last.timestampMs - first.timestampMs { return .stop }
        guard window.count > 1 else { return .ok }
        if pairs.allSatisfy({ $1.offset == $0.offset }) { return .stall }
        if !pairs.contains(where: { $1.lag < $0.lag }) { return .warn }
        return .ok
    }

    /// The group's status: the worst partition status, with STOP, STALL and REWIND reported as ERR.
    public static func groupStatus(_ partitions: [LagStatus]) -> LagStatus {
        guard let worst = partitions.max() else { return .notFound }
        return worst > .err ? .err : worst
    }
}

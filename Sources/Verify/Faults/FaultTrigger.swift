/// When a step of a fault scenario fires.
///
/// Progress triggers count toward the run's planned message count (`PRODUCE_COUNT` per input topic), so a
/// scenario lands at the same point of a run whatever its size.
public enum FaultTrigger: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Once the services that read are started, before any input is produced.
    case atStart
    /// Once this fraction (0…1) of the planned messages has been acknowledged.
    case afterAcked(fraction: Double)
    /// Once this fraction (0…1) of the planned messages has been read by the services.
    case afterConsumed(fraction: Double)
    /// This many milliseconds after the scenario's previous step fired.
    case afterPrevious(milliseconds: Int)

    /// A short account, e.g. `at 30% consumed`.
    public var description: String {
        switch self {
        case .atStart: return "at start"
        case .afterAcked(let fraction): return "at \(Int((fraction * 100).rounded()))% acked"
        case .afterConsumed(let fraction): return "at \(Int((fraction * 100).rounded()))% consumed"
        case .afterPrevious(let milliseconds): return "\(milliseconds) ms after the previous step"
        }
    }
}

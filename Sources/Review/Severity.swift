/// How much a finding matters, from a hint to something that breaks a service.
///
/// Severities are ordered: `info < warning < error`, so `--fail-on warning` also fails on errors.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    /// A hint worth reading; never a reason to fail a build by default.
    case info
    /// Something likely wrong or fragile.
    case warning
    /// Something that breaks delivery guarantees or the service.
    case error

    /// The severity's name as written in lesson specs and reports.
    public var description: String { rawValue }

    /// Orders severities from `info` (lowest) to `error` (highest).
    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }
}

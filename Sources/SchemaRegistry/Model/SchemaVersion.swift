/// Which version of a subject a request is about.
public enum SchemaVersion: Sendable, Hashable, CustomStringConvertible {
    /// The newest version.
    case latest
    /// A version number, from 1.
    case number(Int)

    /// The version as it appears in a URL: `latest` or the number.
    public var description: String {
        switch self {
        case .latest: return "latest"
        case let .number(number): return String(number)
        }
    }
}

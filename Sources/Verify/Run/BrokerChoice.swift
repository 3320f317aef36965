/// Which broker `verify` runs the lessons against.
public enum BrokerChoice: Sendable, Hashable, CustomStringConvertible {
    /// librdkafka's mock cluster, started per lesson: several brokers and a fault API, but no transaction
    /// markers, no offsets sent in a transaction, no fencing.
    case embedded
    /// A private `noida-db` started per lesson on a free loopback port with its own data folder: one node that
    /// writes transaction markers, stores offsets sent in a transaction and fences zombies.
    case noida
    /// A cluster someone else runs, reached at these bootstrap servers.
    case bootstrap(String)

    /// `embedded`, `noida` or `bootstrap <servers>`.
    public var description: String {
        switch self {
        case .embedded: return "embedded"
        case .noida: return "noida"
        case .bootstrap(let servers): return "bootstrap \(servers)"
        }
    }
}

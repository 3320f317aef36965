public import KafkaServiceRuntime
/// Which service processes a process action aims at.
public enum ProcessTarget: String, Sendable, Hashable, Codable, CaseIterable {
    /// Any service that reads: a consumer or a processor.
    case reader
    /// A transactional processor only.
    case processor

    /// Whether a service of `role` is a target.
    public func matches(_ role: ServiceRole) -> Bool {
        switch self {
        case .reader: return role.reads
        case .processor: return role == .processor
        }
    }
}

/// Identifies a message handed to ``KafkaProducer``, so its delivery report can be matched to it.
public struct KafkaMessageID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The number, increasing in send order for one producer.
    public var rawValue: UInt64

    /// Creates an id.
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// The number.
    public var description: String { String(rawValue) }

    /// Orders ids by send order.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The outcome of one message: where it was written, or why it was not.
public struct KafkaDeliveryReport: Sendable, Hashable {
    /// Which message this reports on.
    public var id: KafkaMessageID
    /// The partition the message went to (or was meant for), `-1` if none was chosen.
    public var partition: Int32
    /// The offset it was written at; `-1` when the broker did not report one (e.g. `acks=0`) or on failure.
    public var offset: Int64
    // Reports arrive by the thousand and almost all succeed: boxing the rare error keeps a report small
    // and cheap to copy.
    private var failure: Failure?

    /// `nil` when the message was acknowledged; otherwise the error that failed it.
    public var error: KafkaError? {
        get { failure?.error }
        set { failure = newValue.map(Failure.init) }
    }

    /// Creates a report.
    public init(id: KafkaMessageID, partition: Int32, offset: Int64, error: KafkaError?) {
        self.id = id
        self.partition = partition
        self.offset = offset
        self.failure = error.map(Failure.init)
    }

    /// Whether the brokers acknowledged the message.
    public var isAcknowledged: Bool { failure == nil }

    private final class Failure: Sendable, Hashable {
        let error: KafkaError
        init(_ error: KafkaError) { self.error = error }
        static func == (lhs: Failure, rhs: Failure) -> Bool { lhs.error == rhs.error }
        func hash(into hasher: inout Hasher) { hasher.combine(error) }
    }
}

/// A message header: a name and an optional binary value.
public struct KafkaHeader: Sendable, Hashable {
    /// The header's name.
    public var name: String
    /// The header's value; `nil` is a header with no value, which Kafka distinguishes from an empty one.
    public var value: [UInt8]?

    /// Creates a header with a binary value.
    public init(name: String, value: [UInt8]?) {
        self.name = name
        self.value = value
    }

    /// Creates a header whose value is UTF-8 text.
    public init(name: String, string: String) {
        self.init(name: name, value: Array(string.utf8))
    }

    /// The value decoded as UTF-8, or `nil` when there is no value.
    public var stringValue: String? { value.map { String(decoding: $0, as: UTF8.self) } }
}

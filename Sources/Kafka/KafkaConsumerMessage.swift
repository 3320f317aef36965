/// A message read from a partition.
///
/// A message read by the consumer shares its key and value bytes with the batch it was read in, so handing
/// it out allocates nothing per message. Two ways to read them:
/// - ``withUnsafeKey(_:)``, ``withUnsafeValue(_:)`` and ``forEachHeader(_:)`` lend the bytes where they lie,
///   for an application that only reads them (parses, hashes, forwards);
/// - ``key``, ``value`` and ``headers`` return arrays of their own (``key`` and ``value`` copy on each read).
///
/// Keeping a message keeps its batch's bytes (a few MiB at most) alive; copy what you keep for long.
public struct KafkaConsumerMessage: Sendable, Hashable {
    /// The topic it was read from.
    public var topic: String
    /// The partition it was read from.
    public var partition: Int32
    /// Its offset in the partition.
    public var offset: Int64
    /// The headers, in order.
    public var headers: [KafkaHeader]
    /// The timestamp in milliseconds since 1970, if the broker reported one.
    public var timestampMs: Int64?
    @usableFromInline var keyBytes: SharedBytes
    @usableFromInline var valueBytes: SharedBytes

    /// Creates a message (used by the consumer and by tests that build expected values).
    public init(
        topic: String,
        partition: Int32,
        offset: Int64,
        key: [UInt8]?,
        value: [UInt8]?,
        headers: [KafkaHeader] = [],
        timestampMs: Int64? = nil
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.keyBytes = SharedBytes(key)
        self.valueBytes = SharedBytes(value)
        self.headers = headers
        self.timestampMs = timestampMs
    }

    @inlinable
    init(
        topic: String, partition: Int32, offset: Int64, key: SharedBytes, value: SharedBytes, headers: [KafkaHeader],
        timestampMs: Int64?
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.keyBytes = key
        self.valueBytes = value
        self.headers = headers
        self.timestampMs = timestampMs
    }

    /// The key, if any, as an array of its own.
    public var key: [UInt8]? {
        get { keyBytes.array }
        set { keyBytes = SharedBytes(newValue) }
    }

    /// The value as an array of its own; `nil` for a tombstone.
    public var value: [UInt8]? {
        get { valueBytes.array }
        set { valueBytes = SharedBytes(newValue) }
    }

    /// Lends the key's bytes, where they lie, for the duration of `body`; `nil` when the message has no key.
    /// - Important: Do not let the buffer escape `body`.
    @inlinable
    public func withUnsafeKey<R, E: Error>(_ body: (UnsafeRawBufferPointer?) throws(E) -> R) throws(E) -> R {
        try keyBytes.withUnsafeBytes(body)
    }

    /// Lends the value's bytes, where they lie, for the duration of `body`; `nil` for a tombstone.
    /// - Important: Do not let the buffer escape `body`.
    @inlinable
    public func withUnsafeValue<R, E: Error>(_ body: (UnsafeRawBufferPointer?) throws(E) -> R) throws(E) -> R {
        try valueBytes.withUnsafeBytes(body)
    }

    /// Lends each header's name and value bytes (`nil`: a header without a value), in order, without copying.
    /// - Important: Do not let the buffer escape `body`.
    @inlinable
    public func forEachHeader<E: Error>(_ body: (String, UnsafeRawBufferPointer?) throws(E) -> Void) throws(E) {
        for header in headers {
            if let value = header.value {
                let result: Result<Void, E> = value.withUnsafeBytes { bytes in
                    Result { () throws(E) in try body(header.name, bytes) }
                }
                try result.get()
            } else {
                try body(header.name, nil)
            }
        }
    }

    /// The key's length in bytes, without copying it; `nil` when there is no key.
    public var keyCount: Int? { keyBytes.isNull ? nil : keyBytes.count }
    /// The value's length in bytes, without copying it; `nil` for a tombstone.
    public var valueCount: Int? { valueBytes.isNull ? nil : valueBytes.count }

    /// The key decoded as UTF-8.
    public var keyString: String? { withUnsafeKey { $0.map { String(decoding: $0, as: UTF8.self) } } }
    /// The value decoded as UTF-8.
    public var valueString: String? { withUnsafeValue { $0.map { String(decoding: $0, as: UTF8.self) } } }
    /// The offset to commit after processing this message: the next one to read.
    public var nextOffset: KafkaTopicPartitionOffset {
        KafkaTopicPartitionOffset(topic: topic, partition: partition, offset: offset + 1)
    }
}

/// Bytes inside a shared buffer (a consumer batch's storage, or an array of their own): a slice that
/// compares and hashes by content.
@usableFromInline
struct SharedBytes: Sendable, Hashable {
    @usableFromInline let buffer: [UInt8]
    @usableFromInline let start: Int
    /// The length; -1 for no bytes at all (a null key, a tombstone).
    @usableFromInline let count: Int

    @inlinable
    init(buffer: [UInt8], start: Int, count: Int) {
        self.buffer = buffer
        self.start = start
        self.count = count
    }

    init(_ bytes: [UInt8]?) {
        self.buffer = bytes ?? []
        self.start = 0
        self.count = bytes?.count ?? -1
    }

    @inlinable var isNull: Bool { count < 0 }

    @inlinable
    func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer?) throws(E) -> R) throws(E) -> R {
        guard count >= 0 else { return try body(nil) }
        let result: Result<R, E> = buffer.withUnsafeBytes { all in
            Result { () throws(E) -> R in try body(UnsafeRawBufferPointer(rebasing: all[start..<(start + count)])) }
        }
        return try result.get()
    }

    var array: [UInt8]? {
        guard count >= 0 else { return nil }
        if start == 0 && count == buffer.count { return buffer }
        return Array(buffer[start..<(start + count)])
    }

    @usableFromInline
    static func == (lhs: SharedBytes, rhs: SharedBytes) -> Bool {
        lhs.withUnsafeBytes { left in
            rhs.withUnsafeBytes { right in
                switch (left, right) {
                case (nil, nil): return true
                case (let left?, let right?): return left.elementsEqual(right)
                default: return false
                }
            }
        }
    }

    @usableFromInline
    func hash(into hasher: inout Hasher) {
        withUnsafeBytes { bytes in
            hasher.combine(bytes == nil)
            if let bytes { hasher.combine(bytes: bytes) }
        }
    }
}

/// A message as the poll thread leaves it for the iterator: plain numbers that point into its batch's tables.
///
/// Its key and value stay in the batch's shared byte storage, its topic and headers in the batch's lists,
/// until the iterator hands it out. Holding no references, the type copies bit for bit: filling, filtering
/// and emptying a batch of thousands costs no reference counting, and the poll thread makes one allocation
/// per batch instead of several per message, while each message's arrays are allocated on the thread that
/// will also free them (the application's), which keeps the two threads from contending for one malloc arena.
@usableFromInline
struct PolledMessage: Sendable, BitwiseCopyable {
    /// The index of its topic in the batch's topic names.
    @usableFromInline let topic: Int
    @usableFromInline let partition: Int32
    @usableFromInline let offset: Int64
    /// Where the key starts in the batch's storage, and its length; a length of -1 is a null key.
    @usableFromInline let keyStart: Int
    @usableFromInline let keyCount: Int
    /// Where the value starts in the batch's storage, and its length; a length of -1 is a tombstone.
    @usableFromInline let valueStart: Int
    @usableFromInline let valueCount: Int
    /// The index of its headers in the batch's header lists; -1 when it has none.
    @usableFromInline let headers: Int
    /// The timestamp in milliseconds since 1970; `Int64.min` when the broker reported none.
    @usableFromInline let timestampMs: Int64

    init(
        topic: Int, partition: Int32, offset: Int64, key: (start: Int, count: Int), value: (start: Int, count: Int),
        headers: Int, timestampMs: Int64
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        (keyStart, keyCount) = key
        (valueStart, valueCount) = value
        self.headers = headers
        self.timestampMs = timestampMs
    }
}

import Dispatch
import Foundation

/// What a producer service sends: `PRODUCE_COUNT` synthetic messages when that hook is set
/// (``VerifyHooks``), else each line of standard input (`key<TAB>value`, or a value alone).
public struct MessageSource: AsyncSequence, Sendable {
    /// One message to send.
    public struct Message: Sendable, Hashable {
        /// The key, if any: `key-<sequence mod KEY_COUNT>` for a synthetic message.
        public var key: String?
        /// The value as text: the synthetic sequence number, or the line.
        public var value: String
        /// The synthetic sequence number, `nil` for a line of standard input.
        public var sequence: Int?
    }

    private let hooks: VerifyHooks
    private let keyed: Bool

    /// The messages `hooks` ask for; with `keyed` false they have no keys.
    public init(hooks: VerifyHooks, keyed: Bool = true) {
        self.hooks = hooks
        self.keyed = keyed
    }

    /// Iterates the messages.
    public func makeAsyncIterator() -> Iterator {
        guard hooks.produceCount == 0 else { return Iterator(hooks: hooks, keyed: keyed, upcoming: hooks.produceStart, lines: nil) }
        // readLine() blocks, so it runs on a thread of its own, never on the cooperative pool; at most 1024
        // lines wait to be sent, so a fast pipe cannot outrun the producer.
        let (lines, continuation) = AsyncStream<String>.makeStream()
        let room = DispatchSemaphore(value: 1024)
        let reader = Thread {
            while let line = readLine() {
                room.wait()
                continuation.yield(line)
            }
            continuation.finish()
        }
        reader.name = "stdin-reader"
        reader.start()
        return Iterator(hooks: hooks, keyed: keyed, upcoming: 0, lines: (lines.makeAsyncIterator(), room))
    }

    /// Iterates synthetic messages or standard input's lines.
    public struct Iterator: AsyncIteratorProtocol {
        let hooks: VerifyHooks
        let keyed: Bool
        var upcoming: Int
        var lines: (iterator: AsyncStream<String>.Iterator, room: DispatchSemaphore)?

        /// The next message, or `nil` at the end (or when cancelled).
        public mutating func next() async -> Message? {
            guard !Task.isCancelled else { return nil }
            guard var lines else {
                guard upcoming < hooks.produceStart + hooks.produceCount else { return nil }
                if upcoming > hooks.produceStart, hooks.produceInterval > .zero { try? await Task.sleep(for: hooks.produceInterval) }
                defer { upcoming += 1 }
                return Message(key: keyed ? "key-\(upcoming % hooks.keyCount)" : nil, value: String(upcoming), sequence: upcoming)
            }
            defer { self.lines = lines }
            guard let line = await lines.iterator.next() else { return nil }
            lines.room.signal()
            guard keyed, let tab = line.firstIndex(of: "\t") else { return Message(key: nil, value: line) }
            return Message(key: String(line[..<tab]), value: String(line[line.index(after: tab)...]))
        }
    }
}

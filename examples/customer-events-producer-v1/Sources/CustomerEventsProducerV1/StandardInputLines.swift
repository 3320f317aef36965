import Dispatch
import Foundation

/// Standard input's lines as an `AsyncSequence`.
///
/// `readLine()` blocks, so it runs on a thread of its own, never on Swift's cooperative pool; at most
/// `bufferLimit` lines wait to be sent, so a fast pipe cannot outrun the producer.
struct StandardInputLines: AsyncSequence, Sendable {
    typealias Element = String

    var bufferLimit = 1024

    func makeAsyncIterator() -> Iterator {
        let (lines, continuation) = AsyncStream<String>.makeStream()
        let room = DispatchSemaphore(value: bufferLimit)
        let reader = Thread {
            while let line = readLine() {
                room.wait()
                continuation.yield(line)
            }
            continuation.finish()
        }
        reader.name = "stdin-reader"
        reader.start()
        return Iterator(lines: lines.makeAsyncIterator(), room: room)
    }

    struct Iterator: AsyncIteratorProtocol {
        var lines: AsyncStream<String>.Iterator
        let room: DispatchSemaphore

        mutating func next() async -> String? {
            guard let line = await lines.next() else { return nil }
            room.signal()
            return line
        }
    }
}

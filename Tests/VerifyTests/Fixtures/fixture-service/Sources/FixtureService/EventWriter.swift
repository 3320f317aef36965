import Foundation
import Synchronization

/// Writes EVENTS.md lines, one JSON object per line, each written with one `write` so a reader never sees
/// half of one unless the process dies mid-call.
final class EventWriter: Sendable {
    private let handle: Mutex<FileHandle?>
    private let service: String

    init(destination: String?, service: String) throws {
        self.service = service
        switch destination {
        case nil, ""?:
            handle = Mutex(nil)
        case "stdout"?:
            handle = Mutex(FileHandle.standardOutput)
        case let path?:
            if !FileManager.default.fileExists(atPath: path) {
                guard FileManager.default.createFile(atPath: path, contents: nil) else {
                    throw FixtureError("cannot create the events file \(path)")
                }
            }
            guard let file = FileHandle(forWritingAtPath: path) else { throw FixtureError("cannot open the events file \(path)") }
            file.seekToEndOfFile()
            handle = Mutex(file)
        }
    }

    func emit(_ name: String, _ fields: [String: any Sendable] = [:]) {
        var object: [String: Any] = fields
        object["name"] = name
        object["timestamp"] = Int64(Date().timeIntervalSince1970 * 1000)
        object["service"] = service
        guard var data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
        data.append(0x0A)
        handle.withLock { $0?.write(data) }
    }
}

public import Foundation
public import KafkaServiceRuntime
import Synchronization
import KafkaSkillModel

/// Appends service-event lines to a file, one `write` per line, for services that run inside verify itself
/// (the input driver) and for in-process simulations in tests.
public final class EventLogWriter: Sendable {
    /// The file.
    public let path: String
    /// The service name written on every line.
    public let service: String
    private let handle: Mutex<FileHandle?>

    /// Opens (creating) a file to append to.
    /// - Parameters:
    ///   - path: The event file.
    ///   - service: The service name for every line.
    /// - Throws: ``VerifyError/io(path:operation:reason:)``.
    public init(path: String, service: String) throws {
        if !FileManager.default.fileExists(atPath: path), !FileManager.default.createFile(atPath: path, contents: nil) {
            throw VerifyError.io(path: path, operation: "create the event file", reason: "check that its folder exists and is writable")
        }
        guard let file = FileHandle(forWritingAtPath: path) else {
            throw VerifyError.io(path: path, operation: "open the event file", reason: "it is not writable")
        }
        file.seekToEndOfFile()
        self.path = path
        self.service = service
        handle = Mutex(file)
    }

    /// Writes one event.
    /// - Parameters:
    ///   - kind: The event.
    ///   - timestamp: Milliseconds since 1970; now by default.
    public func emit(_ kind: ServiceEvent.Kind, timestamp: Int64 = Int64(Date().timeIntervalSince1970 * 1000)) {
        let line = Data((ServiceEvent(kind, timestamp: timestamp, service: service).jsonLine + "\n").utf8)
        handle.withLock { $0?.write(line) }
    }

    /// Closes the file; later events are dropped.
    public func close() {
        handle.withLock { handle in
            try? handle?.close()
            handle = nil
        }
    }
}

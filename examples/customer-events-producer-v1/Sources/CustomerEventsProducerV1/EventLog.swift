import Foundation
import Logging
import Synchronization

/// Writes ``ServiceEvent``s as JSON lines, one object per line, each written as it happens.
///
/// `KAFKA_SKILL_EVENTS=stdout` writes to standard output; any other value names a file to append to.
/// Logs never go here: swift-log writes to standard error, so the two streams never mix.
final class EventLog: Sendable {
    /// Where the events go.
    enum Destination: Sendable, Hashable {
        /// Nowhere (`KAFKA_SKILL_EVENTS` is not set).
        case disabled
        /// Standard output.
        case standardOutput
        /// A file, appended to so that several services can share it.
        case file(path: String)
    }

    private struct State: ~Copyable {
        var output: FileHandle?
        let encoder: JSONEncoder
    }

    private let service: String
    private let logger: Logger
    private let state: Mutex<State>

    /// Opens the destination.
    /// - Throws: When the file cannot be opened for appending.
    init(destination: Destination, service: String, logger: Logger) throws {
        let output: FileHandle?
        switch destination {
        case .disabled:
            output = nil
        case .standardOutput:
            output = FileHandle.standardOutput
        case .file(let path):
            // O_APPEND makes each line's write land at the end even when other processes append too.
            let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw EventLogError(path: path, reason: String(cString: strerror(errno)))
            }
            output = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        self.service = service
        self.logger = logger
        self.state = Mutex(State(output: output, encoder: encoder))
    }

    /// Whether events are written anywhere.
    var isEnabled: Bool { state.withLock { $0.output != nil } }

    /// Writes one event as one line.
    func emit(_ event: ServiceEvent) {
        let timestampMs = Int64((Date().timeIntervalSince1970 * 1000).rounded())
        let line = ServiceEventLine(event: event, service: service, timestampMs: timestampMs)
        state.withLock { state in
            guard let output = state.output else { return }
            do {
                var data = try state.encoder.encode(line)
                data.append(0x0A)
                try output.write(contentsOf: data)
            } catch {
                logger.error("could not write the \(event.name) event: \(error)")
            }
        }
    }
}

/// The event file could not be opened.
struct EventLogError: Error, CustomStringConvertible {
    var path: String
    var reason: String

    var description: String {
        "cannot append events to '\(path)' (KAFKA_SKILL_EVENTS): \(reason). Point it at a writable file or set it to 'stdout'."
    }
}

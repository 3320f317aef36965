import Foundation
public import Logging
import Synchronization

/// The service-event log: writes ``ServiceEvent``s as JSON lines, one object per line, each as it happens,
/// and counts them for the progress event (``ProgressReporter``), the idle watch (``IdleWatch``) and the
/// metrics (``ServiceMetrics``).
///
/// Logs never go here: swift-log writes to standard error, so the two streams never mix.
public final class EventLog: Sendable {
    /// Where the events go.
    public enum Destination: Sendable, Hashable {
        /// Nowhere (`KAFKA_SKILL_EVENTS` is not set); events are still counted.
        case disabled
        /// Standard output.
        case standardOutput
        /// A file, appended to so that several services can share it.
        case file(path: String)
    }

    private struct State {
        var output: FileHandle?
        var sent = 0
        var acked = 0
        var consumed = 0
        var lastActivity: ContinuousClock.Instant?
        var transactions = 0
    }

    /// The service name written on every line.
    public let service: String
    private let logger: Logger
    private let metrics: ServiceMetrics
    private let state: Mutex<State>

    /// Opens the destination.
    /// - Throws: ``ServiceRuntimeError`` with code `eventLogUnavailable` when the file cannot be opened.
    public init(destination: Destination, service: String, logger: Logger) throws(ServiceRuntimeError) {
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
                throw ServiceRuntimeError(
                    code: .eventLogUnavailable, subject: path,
                    message: "cannot append events to '\(path)' (KAFKA_SKILL_EVENTS): \(String(cString: strerror(errno))). "
                        + "Point it at a writable file or set it to 'stdout'.")
            }
            output = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        }
        self.service = service
        self.logger = logger
        self.metrics = ServiceMetrics(service: service)
        self.state = Mutex(State(output: output))
    }

    /// Whether events are written anywhere.
    public var isEnabled: Bool { state.withLock { $0.output != nil } }

    /// Writes one event as one line, and counts it.
    public func emit(_ kind: ServiceEvent.Kind) {
        let timestamp = Int64((Date().timeIntervalSince1970 * 1000).rounded())
        metrics.count(kind)
        state.withLock { state in
            switch kind {
            case .producerSend: state.sent += 1
            case .producerSendSuccess: state.acked += 1
            case .recordData: state.consumed += 1
            default: break
            }
            if kind.isActivity { state.lastActivity = .now }
            guard let output = state.output else { return }
            do {
                try output.write(contentsOf: Data((ServiceEvent(kind, timestamp: timestamp, service: service).jsonLine + "\n").utf8))
            } catch {
                logger.error("could not write the \(kind.name) event: \(error)")
            }
        }
    }

    /// Numbers a new transaction (from 1) and writes `transaction_begin`.
    /// - Returns: The transaction's number, for its `transaction_commit` or `transaction_abort`.
    public func beginTransaction() -> Int {
        let number = state.withLock { state in
            state.transactions += 1
            return state.transactions
        }
        emit(.transactionBegin(transaction: number))
        return number
    }

    /// The counts so far, as a `tool_data` event.
    public var progress: ServiceEvent.Kind {
        state.withLock { .toolData(sent: $0.sent, acked: $0.acked, consumed: $0.consumed) }
    }

    /// When the service last got partitions or read a record; `nil` before that.
    public var lastActivity: ContinuousClock.Instant? { state.withLock { $0.lastActivity } }
}

extension ServiceEvent.Kind {
    /// Whether the event shows the service reading: an assignment, or a record processed or set aside.
    var isActivity: Bool {
        switch self {
        case .partitionsAssigned, .recordData, .deadLetter, .transactionBegin: true
        default: false
        }
    }
}

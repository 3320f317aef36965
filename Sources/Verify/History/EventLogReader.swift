import Foundation
public import KafkaSkillModel

/// A problem found in an event file: a malformed line (an error), or a last line cut short by a killed
/// process (a warning, since SIGKILL can land mid-write).
public struct EventDiagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How bad the problem is.
    public enum Severity: String, Sendable, Hashable, Codable {
        /// The line breaks the service-event protocol: the lesson fails.
        case error
        /// Worth knowing, not a failure.
        case warning
    }

    /// Where.
    public var location: SourceLocation
    /// What is wrong and what to do.
    public var problem: String
    /// Error or warning.
    public var severity: Severity

    /// Creates a diagnostic.
    public init(location: SourceLocation, problem: String, severity: Severity) {
        self.location = location
        self.problem = problem
        self.severity = severity
    }

    /// `file:line: severity: problem`.
    public var description: String { "\(location): \(severity.rawValue): \(problem)" }
}

/// Reads one service process's event file as it grows: each call returns the complete lines written since
/// the last, parsed; a line still being written waits for its newline.
///
/// - Important: Reading is blocking file I/O; call it off Swift's cooperative pool.
public struct EventLogReader: Sendable {
    /// The file.
    public let path: String
    /// The process instance that writes it.
    public let instance: String
    private var byteOffset: UInt64 = 0
    private var lineNumber = 0
    private var pending: [UInt8] = []
    /// Every problem found so far.
    public private(set) var diagnostics: [EventDiagnostic] = []

    /// Creates a reader; nothing is read until ``readAvailable()``.
    /// - Parameters:
    ///   - path: The event file.
    ///   - instance: The process instance that writes it.
    public init(path: String, instance: String) {
        self.path = path
        self.instance = instance
    }

    /// Reads and parses the complete lines appended since the last call. A missing file reads as empty.
    /// - Returns: The new events, in file order; malformed lines are left out and recorded in ``diagnostics``.
    public mutating func readAvailable() -> [RecordedEvent] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        let data: Data
        do {
            try handle.seek(toOffset: byteOffset)
            data = try handle.readToEnd() ?? Data()
        } catch {
            diagnostics.append(EventDiagnostic(location: SourceLocation(file: path), problem: "could not read: \(error)", severity: .error))
            return []
        }
        byteOffset += UInt64(data.count)
        pending.append(contentsOf: data)
        var events: [RecordedEvent] = []
        var start = pending.startIndex
        while let newline = pending[start...].firstIndex(of: 0x0A) {
            lineNumber += 1
            let line = pending[start..<newline]
            start = pending.index(after: newline)
            if let event = parse(line) { events.append(event) }
        }
        pending.removeSubrange(pending.startIndex..<start)
        return events
    }

    /// Reads what is left, and records a last line without a newline as cut short.
    /// - Returns: The events of the last complete lines.
    public mutating func finish() -> [RecordedEvent] {
        let events = readAvailable()
        let rest = pending.filter { $0 != 0x20 && $0 != 0x0D && $0 != 0x09 }
        if !rest.isEmpty {
            diagnostics.append(EventDiagnostic(
                location: SourceLocation(file: path, line: lineNumber + 1),
                problem: "the last line ends without a newline (\(pending.count) bytes) and was ignored; "
                    + "the process was probably killed while writing it",
                severity: .warning))
        }
        pending.removeAll()
        return events
    }

    private mutating func parse(_ line: ArraySlice<UInt8>) -> RecordedEvent? {
        let trimmed = line.last == 0x0D ? line.dropLast() : line
        guard trimmed.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return nil }
        let location = SourceLocation(file: path, line: lineNumber)
        do {
            let event = try EventLineParser.parse(trimmed, at: location)
            return RecordedEvent(instance: instance, event: event, location: location)
        } catch let error as VerifyError {
            if case .malformedEvent(let place, let problem) = error {
                diagnostics.append(EventDiagnostic(location: place, problem: problem, severity: .error))
            }
            return nil
        } catch {
            diagnostics.append(EventDiagnostic(location: location, problem: "\(error)", severity: .error))
            return nil
        }
    }

    /// Reads a whole finished file at once.
    /// - Parameters:
    ///   - path: The event file.
    ///   - instance: The process instance that wrote it.
    /// - Returns: The events and the problems found.
    public static func readFile(_ path: String, instance: String) -> (events: [RecordedEvent], diagnostics: [EventDiagnostic]) {
        var reader = EventLogReader(path: path, instance: instance)
        let events = reader.finish()
        return (events, reader.diagnostics)
    }
}

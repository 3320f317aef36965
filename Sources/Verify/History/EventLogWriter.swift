public import Foundation
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
        var line = EventLineEncoder.encode(kind, timestamp: timestamp, service: service)
        line.append(0x0A)
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

/// Writes a ``ServiceEvent/Kind`` as the JSON object the service-event protocol defines.
enum EventLineEncoder {
    static func encode(_ kind: ServiceEvent.Kind, timestamp: Int64, service: String) -> Data {
        var fields: [(String, String)] = []
        func text(_ key: String, _ value: String?) { fields.append((key, value.map(quote) ?? "null")) }
        func number(_ key: String, _ value: some BinaryInteger) { fields.append((key, String(value))) }
        func flag(_ key: String, _ value: Bool) { fields.append((key, value ? "true" : "false")) }
        func raw(_ key: String, _ value: String) { fields.append((key, value)) }
        let name: String
        switch kind {
        case .startupComplete(let role, let topics, let group):
            name = "startup_complete"
            text("role", role?.rawValue)
            raw("topics", "[" + topics.map(quote).joined(separator: ",") + "]")
            text("group", group)
        case .producerSend(let topic, let key, let value):
            name = "producer_send"
            text("topic", topic)
            text("key", key)
            text("value", value)
        case .producerSendSuccess(let topic, let key, let value, let partition, let offset):
            name = "producer_send_success"
            text("topic", topic)
            text("key", key)
            text("value", value)
            number("partition", partition)
            number("offset", offset)
        case .producerSendError(let topic, let key, let value, let code, let message, let indefinite):
            name = "producer_send_error"
            text("topic", topic)
            text("key", key)
            text("value", value)
            text("code", code)
            text("message", message)
            flag("indefinite", indefinite)
        case .partitionsAssigned(let partitions), .partitionsRevoked(let partitions), .partitionsLost(let partitions):
            switch kind {
            case .partitionsAssigned: name = "partitions_assigned"
            case .partitionsRevoked: name = "partitions_revoked"
            default: name = "partitions_lost"
            }
            raw("partitions", "[" + partitions.map { "{\"topic\":\(quote($0.topic)),\"partition\":\($0.partition)}" }.joined(separator: ",") + "]")
        case .recordData(let topic, let partition, let offset, let key, let value):
            name = "record_data"
            text("topic", topic)
            number("partition", partition)
            number("offset", offset)
            text("key", key)
            text("value", value)
        case .offsetsCommitted(let offsets, let success, let error):
            name = "offsets_committed"
            raw("offsets", "[" + offsets.map { "{\"topic\":\(quote($0.topic)),\"partition\":\($0.partition),\"offset\":\($0.offset)}" }.joined(separator: ",") + "]")
            flag("success", success)
            if let error { text("error", error) }
        case .transactionBegin(let transaction):
            name = "transaction_begin"
            number("transaction", transaction)
        case .transactionCommit(let transaction, let success):
            name = "transaction_commit"
            number("transaction", transaction)
            flag("success", success)
        case .transactionAbort(let transaction, let reason):
            name = "transaction_abort"
            number("transaction", transaction)
            text("reason", reason)
        case .deadLetter(let topic, let key, let value, let sourceTopic, let sourcePartition, let sourceOffset, let error):
            name = "dead_letter"
            text("topic", topic)
            text("key", key)
            text("value", value)
            text("sourceTopic", sourceTopic)
            number("sourcePartition", sourcePartition)
            number("sourceOffset", sourceOffset)
            text("error", error)
        case .toolData(let sent, let acked, let consumed):
            name = "tool_data"
            number("sent", sent)
            number("acked", acked)
            number("consumed", consumed)
        case .shutdownComplete:
            name = "shutdown_complete"
        }
        let head = [("name", quote(name)), ("timestamp", String(timestamp)), ("service", quote(service))]
        return Data(("{" + (head + fields).map { "\(quote($0.0)):\($0.1)" }.joined(separator: ",") + "}").utf8)
    }

    /// A JSON string literal.
    static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

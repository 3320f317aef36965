import Foundation
public import KafkaSkillModel
public import KafkaServiceRuntime

/// Turns one JSON line of a service's event output into a ``ServiceEvent``, or says exactly which field
/// breaks the service-event protocol.
public enum EventLineParser {
    /// Parses one line.
    /// - Parameters:
    ///   - line: The line's bytes, without the newline.
    ///   - location: The file and line, for the error.
    /// - Returns: The event.
    /// - Throws: ``VerifyError/malformedEvent(_:problem:)`` naming the field and what it should be.
    public static func parse(_ line: some Collection<UInt8>, at location: SourceLocation) throws -> ServiceEvent {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(line))
        } catch {
            throw VerifyError.malformedEvent(location, problem: "not valid JSON")
        }
        guard case .object(let object) = value else {
            throw VerifyError.malformedEvent(location, problem: "the line is JSON but not an object")
        }
        let fields = EventFields(object: object)
        do {
            let name = try fields.string("name")
            let timestamp = try fields.int("timestamp")
            let service = try fields.string("service")
            let kind = try Self.kind(name: name, fields)
            return ServiceEvent(name: name, timestamp: timestamp, service: service, kind: kind)
        } catch let problem as EventFields.Problem {
            throw VerifyError.malformedEvent(location, problem: problem.text)
        }
    }

    private static func kind(name: String, _ fields: EventFields) throws -> ServiceEvent.Kind {
        switch name {
        case "startup_complete":
            let roleText = try fields.optionalString("role")
            var role: ServiceRole?
            if let roleText {
                guard let known = ServiceRole(rawValue: roleText) else {
                    throw EventFields.Problem(text: "field 'role' is '\(roleText)'; use producer, consumer or processor")
                }
                role = known
            }
            return .startupComplete(
                role: role, topics: try fields.optionalStrings("topics") ?? [], outputTopics: try fields.optionalStrings("outputTopics") ?? [],
                group: try fields.optionalString("group"))
        case "producer_send":
            return .producerSend(topic: try fields.string("topic"), key: try fields.optionalString("key"), value: try fields.string("value"))
        case "producer_send_success":
            return .producerSendSuccess(
                topic: try fields.string("topic"), key: try fields.optionalString("key"), value: try fields.string("value"),
                partition: try fields.int32("partition"), offset: try fields.int("offset"))
        case "producer_send_error":
            return .producerSendError(
                topic: try fields.string("topic"), key: try fields.optionalString("key"), value: try fields.string("value"),
                code: try fields.string("code"), message: try fields.optionalString("message") ?? "",
                indefinite: try fields.bool("indefinite"))
        case "partitions_assigned":
            return .partitionsAssigned(try fields.partitions("partitions"))
        case "partitions_revoked":
            return .partitionsRevoked(try fields.partitions("partitions"))
        case "partitions_lost":
            return .partitionsLost(try fields.partitions("partitions"))
        case "record_data":
            return .recordData(
                topic: try fields.string("topic"), partition: try fields.int32("partition"), offset: try fields.int("offset"),
                key: try fields.optionalString("key"), value: try fields.string("value"))
        case "offsets_committed":
            return .offsetsCommitted(offsets: try fields.offsets("offsets"), success: try fields.bool("success"), error: try fields.optionalString("error"))
        case "transaction_begin":
            return .transactionBegin(transaction: Int(try fields.int("transaction")))
        case "transaction_commit":
            return .transactionCommit(transaction: Int(try fields.int("transaction")), success: try fields.optionalBool("success") ?? true)
        case "transaction_abort":
            return .transactionAbort(transaction: Int(try fields.int("transaction")), reason: try fields.optionalString("reason"))
        case "dead_letter":
            return .deadLetter(
                topic: try fields.string("topic"), key: try fields.optionalString("key"), value: try fields.string("value"),
                sourceTopic: try fields.string("sourceTopic"), sourcePartition: try fields.int32("sourcePartition"),
                sourceOffset: try fields.int("sourceOffset"), error: try fields.optionalString("error") ?? "")
        case "tool_data":
            return .toolData(sent: Int(try fields.int("sent")), acked: Int(try fields.int("acked")), consumed: Int(try fields.int("consumed")))
        case "shutdown_complete":
            return .shutdownComplete
        default:
            throw EventFields.Problem(text: "unknown event name '\(name)'; the service-event protocol defines \(ServiceEvent.names.joined(separator: ", "))")
        }
    }
}

/// Typed access to an event's fields, with problems phrased for the person fixing the emitter.
struct EventFields {
    struct Problem: Error {
        var text: String
    }

    let object: [String: JSONValue]

    func string(_ key: String) throws -> String {
        guard let value = try optionalString(key) else { throw Problem(text: "missing field '\(key)' (text)") }
        return value
    }

    func optionalString(_ key: String) throws -> String? {
        switch object[key] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?: throw Problem(text: "field '\(key)' must be text, not \(other.kindName)")
        }
    }

    func int(_ key: String) throws -> Int64 {
        switch object[key] {
        case nil, .null?: throw Problem(text: "missing field '\(key)' (a whole number)")
        case .int(let number)?: return Int64(number)
        case let other?: throw Problem(text: "field '\(key)' must be a whole number, not \(other.kindName)")
        }
    }

    func int32(_ key: String) throws -> Int32 {
        let value = try int(key)
        guard let narrow = Int32(exactly: value), narrow >= 0 else {
            throw Problem(text: "field '\(key)' must be a partition number (0 or more), not \(value)")
        }
        return narrow
    }

    func bool(_ key: String) throws -> Bool {
        guard let value = try optionalBool(key) else { throw Problem(text: "missing field '\(key)' (true or false)") }
        return value
    }

    func optionalBool(_ key: String) throws -> Bool? {
        switch object[key] {
        case nil, .null?: return nil
        case .bool(let flag)?: return flag
        case let other?: throw Problem(text: "field '\(key)' must be true or false, not \(other.kindName)")
        }
    }

    func optionalStrings(_ key: String) throws -> [String]? {
        switch object[key] {
        case nil, .null?: return nil
        case .array(let items)?:
            return try items.map { item in
                guard case .string(let text) = item else { throw Problem(text: "field '\(key)' must be a list of text") }
                return text
            }
        case let other?: throw Problem(text: "field '\(key)' must be a list of text, not \(other.kindName)")
        }
    }

    func partitions(_ key: String) throws -> [ServiceEvent.Partition] {
        try objects(key).map { item in
            ServiceEvent.Partition(topic: try item.string("topic"), partition: try item.int32("partition"))
        }
    }

    func offsets(_ key: String) throws -> [ServiceEvent.Offset] {
        try objects(key).map { item in
            ServiceEvent.Offset(topic: try item.string("topic"), partition: try item.int32("partition"), offset: try item.int("offset"))
        }
    }

    private func objects(_ key: String) throws -> [EventFields] {
        guard case .array(let items)? = object[key] else {
            throw Problem(text: "missing field '\(key)' (a list of objects)")
        }
        return try items.map { item in
            guard case .object(let fields) = item else { throw Problem(text: "field '\(key)' must be a list of objects") }
            return EventFields(object: fields)
        }
    }
}

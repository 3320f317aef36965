import SchemaRegistry
import Foundation

/// One record of the `_schemas` topic, in the JSON layout Confluent's registry uses, so that either registry can
/// read the topic the other wrote.
///
/// - A schema record: key `{"keytype":"SCHEMA","magic":1,"subject":S,"version":V}`, value
///   `{"deleted":false,"id":ID,"schema":TEXT,"subject":S,"version":V}`; a null value removes the version.
/// - A config record: key `{"keytype":"CONFIG","magic":0,"subject":S or null}`, value
///   `{"compatibilityLevel":LEVEL}`; a null value removes the subject's own level.
///
/// Other key types (Confluent's `NOOP`, `MODE`, `DELETE_SUBJECT`, …) carry nothing this registry keeps.
enum SchemasTopicRecord: Sendable, Equatable {
    /// A version of a subject; `deleted` marks a soft-deleted version, which keeps its number and id.
    case schema(subject: String, version: Int, id: Int, schema: String, schemaType: String?, deleted: Bool)
    /// A tombstone for a version: it is gone.
    case schemaRemoved(subject: String, version: Int)
    /// The compatibility level of a subject, or the global one when `subject` is nil.
    case config(subject: String?, level: String)
    /// A tombstone for a level: the subject falls back to the global level.
    case configRemoved(subject: String?)

    private struct Key: Codable {
        var keytype: String
        var subject: String?
        var version: Int?
        var magic: Int
    }

    private struct SchemaValue: Codable {
        var subject: String
        var version: Int
        var id: Int
        var schema: String
        var schemaType: String?
        var deleted: Bool?
    }

    private struct ConfigValue: Codable {
        var compatibilityLevel: String
    }

    /// The record's key bytes.
    var key: [UInt8] {
        switch self {
        case let .schema(subject, version, _, _, _, _), let .schemaRemoved(subject, version):
            return Self.json(Key(keytype: "SCHEMA", subject: subject, version: version, magic: 1))
        case let .config(subject, _), let .configRemoved(subject):
            return Self.json(Key(keytype: "CONFIG", subject: subject, version: nil, magic: 0))
        }
    }

    /// The record's value bytes; `nil` for a tombstone.
    var value: [UInt8]? {
        switch self {
        case let .schema(subject, version, id, schema, schemaType, deleted):
            return Self.json(SchemaValue(subject: subject, version: version, id: id, schema: schema, schemaType: schemaType, deleted: deleted))
        case let .config(_, level):
            return Self.json(ConfigValue(compatibilityLevel: level))
        case .schemaRemoved, .configRemoved:
            return nil
        }
    }

    /// Reads a record; `nil` for key types this registry does not keep.
    ///
    /// - Throws: A message naming what is malformed, for records that claim a known key type but do not follow it.
    static func decode(key: [UInt8], value: [UInt8]?) throws(RecordError) -> SchemasTopicRecord? {
        let decoder = JSONDecoder()
        guard let parsedKey = try? decoder.decode(Key.self, from: Data(key)) else {
            throw RecordError(message: "the key is not a registry key: \(String(decoding: key.prefix(200), as: UTF8.self))")
        }
        switch parsedKey.keytype {
        case "SCHEMA":
            guard let subject = parsedKey.subject, let version = parsedKey.version else {
                throw RecordError(message: "a SCHEMA key without subject or version")
            }
            guard let value else {
                return .schemaRemoved(subject: subject, version: version)
            }
            guard let parsed = try? decoder.decode(SchemaValue.self, from: Data(value)) else {
                throw RecordError(message: "the value of '\(subject)' version \(version) is not a schema record")
            }
            return .schema(
                subject: parsed.subject, version: parsed.version, id: parsed.id, schema: parsed.schema,
                schemaType: parsed.schemaType, deleted: parsed.deleted ?? false)
        case "CONFIG":
            guard let value else {
                return .configRemoved(subject: parsedKey.subject)
            }
            guard let parsed = try? decoder.decode(ConfigValue.self, from: Data(value)) else {
                throw RecordError(message: "the value of the config of \(parsedKey.subject.map { "'\($0)'" } ?? "the registry") is not a config record")
            }
            return .config(subject: parsedKey.subject, level: parsed.compatibilityLevel)
        default:
            return nil
        }
    }

    /// Why a record could not be read.
    struct RecordError: Error, Sendable {
        var message: String
    }

    private static func json<T: Encodable>(_ value: T) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Strings, integers and booleans always encode.
        return Array((try? encoder.encode(value)) ?? Data())
    }
}

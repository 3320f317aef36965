import Foundation
import KafkaSkillModel

/// Reads the Avro schema a spec refers to and checks that it is a record the generated service can hold in a
/// `Codable` struct (see ``AvroRecordType``).
enum AvroSchemaReader {
    /// Reads `path` (relative to `directory` unless absolute); problems are recorded at `location`.
    static func read(path: String, relativeTo directory: URL, at location: SourceLocation, reader: DocumentReader) -> AvroSchemaFile? {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            reader.record(.invalidValue(
                location, field: "messages.value.schema", value: path,
                expected: "the path of an Avro schema file (.avsc), relative to the spec's folder; nothing is at \(url.standardizedFileURL.path)"))
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            reader.record(.invalidValue(location, field: "messages.value.schema", value: path, expected: "a UTF-8 text file"))
            return nil
        }
        guard check(text, at: location, reader: reader, field: "messages.value.schema", shown: path) else { return nil }
        return AvroSchemaFile(path: path, fileName: url.lastPathComponent, text: text)
    }

    /// Checks that `text` is JSON holding an Avro schema: an object with a `type`.
    static func check(_ text: String, at location: SourceLocation, reader: DocumentReader, field: String, shown: String) -> Bool {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            reader.record(.invalidValue(location, field: field, value: shown, expected: "an Avro schema in JSON, but it does not parse as JSON (\(error.localizedDescription))"))
            return false
        }
        guard let object = json as? [String: Any], object["type"] != nil else {
            reader.record(.invalidValue(location, field: field, value: shown, expected: "an Avro schema: a JSON object with a \"type\" (e.g. {\"type\": \"record\", …})"))
            return false
        }
        do {
            _ = try AvroRecordType.make(schemaText: text)
        } catch {
            reader.record(.invalidValue(
                location, field: field, value: shown, expected: "a record schema a Swift struct can hold; at \(error.path) in the schema, \(error.message)"))
            return false
        }
        return true
    }
}

import Avro
import Foundation
import Testing

@Suite("Binary decoding rejects malformed input, Apache Avro AVRO-4304 vectors")
struct BinaryRejectionTests {
    struct Vector: Decodable, CustomTestStringConvertible, Sendable {
        var name: String
        var schema: String
        var category: String
        var bytesHex: String
        var testDescription: String { name }

        var bytes: [UInt8] {
            var result: [UInt8] = []
            var index = bytesHex.startIndex
            while index < bytesHex.endIndex {
                let next = bytesHex.index(index, offsetBy: 2)
                result.append(UInt8(bytesHex[index..<next], radix: 16) ?? 0)
                index = next
            }
            return result
        }
    }

    struct VectorFile: Decodable {
        var vectors: [Vector]
    }

    static func vectors() throws -> [Vector] {
        try JSONDecoder().decode(VectorFile.self, from: Data(contentsOf: Fixtures.url("binary-rejections.json"))).vectors
    }

    @Test("the fixture holds every vector")
    func fixtureIsComplete() throws {
        let text = try Fixtures.text("binary-rejections.json")
        let names = text.components(separatedBy: "\"name\"").count - 1
        #expect(try Self.vectors().count == names)
        #expect(names >= 9)
    }

    @Test("vector is rejected with a malformed-input error", arguments: try vectors())
    func rejected(_ vector: Vector) throws {
        let decoder = try AvroBinaryDecoder(schema: AvroSchema(parsing: vector.schema))
        let bytes = vector.bytes
        #expect(bytes.count == vector.bytesHex.count / 2)
        let error = #expect(throws: AvroError.self) { try decoder.decode(bytes) }
        guard case .malformedInput? = error else {
            Issue.record("expected .malformedInput, got \(String(describing: error))")
            return
        }
    }

    @Test("vector is rejected when the value is skipped as a dropped field", arguments: try vectors())
    func rejectedWhenSkipped(_ vector: Vector) throws {
        let writer = try AvroSchema(parsing: #"{"type":"record","name":"R","fields":[{"name":"x","type":\#(vector.schema)}]}"#)
        let reader = try AvroSchema(parsing: #"{"type":"record","name":"R","fields":[]}"#)
        let decoder = try AvroBinaryDecoder(writer: writer, reader: reader)
        let error = #expect(throws: AvroError.self) { try decoder.decode(vector.bytes) }
        guard case .malformedInput? = error else {
            Issue.record("expected .malformedInput, got \(String(describing: error))")
            return
        }
    }
}

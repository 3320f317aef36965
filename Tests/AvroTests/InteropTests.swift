import Avro
import Foundation
import PythonInterop
import Testing

/// Interop with Apache Avro's Python implementation (PyPI `avro`), run as a real subprocess. The tests are skipped,
/// saying why, when the package is not installed and PyPI cannot be reached; any other failure fails them.
@Suite(
    "Interop with Apache Avro's Python implementation", .timeLimit(.minutes(10)), .tags(.slow),
    .enabled("Python's avro package is not installed and PyPI cannot be reached to install it") { await PythonAvro.shared.isUsable() })
struct InteropTests {
    struct PythonCase: Decodable {
        var name: String
        var schema: String
        var hex: String
        var value: Normalized
    }

    struct SwiftCase: Encodable {
        var name: String
        var schema: String
        var hex: String
    }

    struct PythonReading: Decodable {
        var name: String
        /// What Python read; a JSON null here is Avro's null, not a missing value.
        var value: Normalized?
        var error: String?

        enum CodingKeys: String, CodingKey {
            case name, value, error
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            value = container.contains(.value) ? try container.decode(Normalized.self, forKey: .value) : nil
            error = try container.decodeIfPresent(String.self, forKey: .error)
        }
    }

    func script() throws -> String {
        try Fixtures.url("interop.py").path
    }

    /// The cases Python encodes, with the values it started from.
    func pythonCases() async throws -> [PythonCase] {
        let python = try await PythonAvro.shared.python()
        let result = try await ProcessRunner.run(python, [try script(), "write"])
        try #require(result.status == 0, "interop.py write failed: \(result.output)")
        return try JSONDecoder().decode([PythonCase].self, from: result.stdout)
    }

    /// Has Python decode `cases` and returns what it read, by case name.
    func pythonReads(_ cases: [SwiftCase]) async throws -> [String: PythonReading] {
        let python = try await PythonAvro.shared.python()
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("interop-\(UUID().uuidString).json")
        try JSONEncoder().encode(cases).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let result = try await ProcessRunner.run(python, [try script(), "read", input.path])
        try #require(result.status == 0, "interop.py read failed: \(result.output)")
        let readings = try JSONDecoder().decode([PythonReading].self, from: result.stdout)
        return Dictionary(uniqueKeysWithValues: readings.map { ($0.name, $0) })
    }

    @Test("every value Python writes decodes here to the same value")
    func pythonToSwift() async throws {
        let cases = try await pythonCases()
        #expect(cases.count >= 36)
        for testCase in cases {
            let schema = try AvroSchema(parsing: testCase.schema)
            let bytes = try #require([UInt8](hex: testCase.hex))
            let value = try AvroBinaryDecoder(schema: schema).decode(bytes)
            #expect(Normalized(value) == testCase.value, "\(testCase.name): read \(Normalized(value)), Python wrote \(testCase.value)")
        }
    }

    /// Values built in Swift, covering every type, logical type and both sides of unions.
    static func swiftValues() throws -> [(name: String, schema: String, value: AvroValue)] {
        let suit = #"{"type":"enum","name":"Suit","symbols":["SPADES","HEARTS","DIAMONDS","CLUBS"]}"#
        return [
            ("everything", SampleSchemas.everythingJSON, SampleSchemas.everythingValue),
            ("null", "\"null\"", .null),
            ("boolean", "\"boolean\"", .boolean(false)),
            ("int-min", "\"int\"", .int(.min)),
            ("long-max", "\"long\"", .long(.max)),
            ("long-min", "\"long\"", .long(.min)),
            ("float", "\"float\"", .float(-1.25e-3)),
            ("double", "\"double\"", .double(6.02214076e23)),
            ("bytes-empty", "\"bytes\"", .bytes([])),
            ("string", "\"string\"", .string("naïve café – 日本語")),
            ("enum", suit, .enumSymbol("SPADES")),
            ("fixed", #"{"type":"fixed","name":"F","size":3}"#, .fixed([0, 128, 255])),
            ("array-of-records", #"{"type":"array","items":{"type":"record","name":"P","fields":[{"name":"x","type":"double"}]}}"#,
             .array([.record(["x": .double(1)]), .record(["x": .double(-2)])])),
            ("map-of-arrays", #"{"type":"map","values":{"type":"array","items":"int"}}"#,
             .map(["a": .array([.int(1), .int(2)]), "b": .array([])])),
            ("union-null", #"["null","string"]"#, .null),
            ("union-long", #"["null","string","long"]"#, .long(-9)),
            ("union-enum", #"["string",\#(suit)]"#, .enumSymbol("HEARTS")),
            ("union-map", #"["null",{"type":"map","values":"double"}]"#, .map(["pi": .double(3.14159)])),
            ("recursive", SampleSchemas.linkedListJSON, SampleSchemas.linkedList(length: 25)),
            ("date", #"{"type":"int","logicalType":"date"}"#, .date(-25_000)),
            ("time-millis", #"{"type":"int","logicalType":"time-millis"}"#, .timeMillis(86_399_999)),
            ("time-micros", #"{"type":"long","logicalType":"time-micros"}"#, .timeMicros(1)),
            ("timestamp-millis", #"{"type":"long","logicalType":"timestamp-millis"}"#, .timestampMillis(-1_234_567_890_123)),
            ("timestamp-micros", #"{"type":"long","logicalType":"timestamp-micros"}"#, .timestampMicros(4_102_444_800_000_000)),
            ("local-timestamp-millis", #"{"type":"long","logicalType":"local-timestamp-millis"}"#, .localTimestampMillis(1_700_000_000_000)),
            ("decimal-bytes", #"{"type":"bytes","logicalType":"decimal","precision":38,"scale":10}"#,
             .decimal(try #require(AvroDecimal("-1234567890123456789012345678.0123456789")))),
            ("decimal-fixed", #"{"type":"fixed","name":"D","size":5,"logicalType":"decimal","precision":11,"scale":3}"#,
             .decimal(try #require(AvroDecimal("-0.001")))),
            ("uuid", #"{"type":"string","logicalType":"uuid"}"#, .uuid(try #require(UUID(uuidString: "F47AC10B-58CC-4372-A567-0E02B2C3D479")))),
        ]
    }

    @Test("every value written here decodes in Python to the same value")
    func swiftToPython() async throws {
        let values = try Self.swiftValues()
        var cases: [SwiftCase] = []
        for (name, schemaText, value) in values {
            let bytes = try AvroBinaryEncoder(schema: AvroSchema(parsing: schemaText)).encode(value)
            cases.append(SwiftCase(name: name, schema: schemaText, hex: bytes.hex))
        }
        let readings = try await pythonReads(cases)
        for (name, _, value) in values {
            let reading = try #require(readings[name], "Python returned nothing for \(name)")
            #expect(reading.error == nil, "\(name): Python failed: \(reading.error ?? "")")
            #expect(reading.value == Normalized(value), "\(name): Python read \(reading.value ?? .null), Swift wrote \(Normalized(value))")
        }
    }

    @Test("Python's values, re-encoded here, decode in Python to what Python started from")
    func pythonValuesRoundTrip() async throws {
        let original = try await pythonCases()
        var cases: [SwiftCase] = []
        for testCase in original {
            let schema = try AvroSchema(parsing: testCase.schema)
            let value = try AvroBinaryDecoder(schema: schema).decode(try #require([UInt8](hex: testCase.hex)))
            cases.append(SwiftCase(name: testCase.name, schema: testCase.schema, hex: try AvroBinaryEncoder(schema: schema).encode(value).hex))
        }
        let readings = try await pythonReads(cases)
        for testCase in original {
            let reading = try #require(readings[testCase.name])
            #expect(reading.error == nil, "\(testCase.name): Python failed: \(reading.error ?? "")")
            #expect(reading.value == testCase.value, "\(testCase.name)")
        }
    }

    @Test("a Codable value written here decodes in Python")
    func codableToPython() async throws {
        let schema = try SampleSchemas.everything()
        let bytes = try AvroEncoder(schema: schema).encode(CodableTests.sample())
        let expected = Normalized(try AvroBinaryDecoder(schema: schema).decode(bytes))
        let readings = try await pythonReads([SwiftCase(name: "codable", schema: SampleSchemas.everythingJSON, hex: bytes.hex)])
        let reading = try #require(readings["codable"])
        #expect(reading.error == nil, "\(reading.error ?? "")")
        #expect(reading.value == expected)
    }
}

import Avro
import Foundation
import Testing

@Suite("Reader and writer schemas resolve as the specification says")
struct ResolutionTests {
    func resolve(_ value: AvroValue, writer: String, reader: String) throws -> AvroValue {
        let writerSchema = try AvroSchema(parsing: writer)
        let readerSchema = try AvroSchema(parsing: reader)
        let bytes = try AvroBinaryEncoder(schema: writerSchema).encode(value)
        return try AvroBinaryDecoder(writer: writerSchema, reader: readerSchema).decode(bytes)
    }

    @Test("numeric promotions and string/bytes interchange", arguments: [
        (AvroValue.int(-7), "\"int\"", "\"long\"", AvroValue.long(-7)),
        (.int(3), "\"int\"", "\"float\"", .float(3)),
        (.int(3), "\"int\"", "\"double\"", .double(3)),
        (.long(1 << 40), "\"long\"", "\"float\"", .float(Float(1 << 40))),
        (.long(-5), "\"long\"", "\"double\"", .double(-5)),
        (.float(1.5), "\"float\"", "\"double\"", .double(1.5)),
        (.string("hé"), "\"string\"", "\"bytes\"", .bytes(Array("hé".utf8))),
        (.bytes(Array("ok".utf8)), "\"bytes\"", "\"string\"", .string("ok")),
        (.int(12), "\"int\"", #"{"type":"long","logicalType":"timestamp-millis"}"#, .timestampMillis(12)),
        (.bytes(Array("123e4567-e89b-12d3-a456-426614174000".utf8)), "\"bytes\"", #"{"type":"string","logicalType":"uuid"}"#,
         .uuid(UUID(uuidString: "123e4567-e89b-12d3-a456-426614174000") ?? UUID())),
        (.string("\u{01}"), "\"string\"", #"{"type":"bytes","logicalType":"decimal","precision":4,"scale":2}"#,
         .decimal(AvroDecimal(unscaled: [1], scale: 2))),
        (.timestampMillis(5), #"{"type":"long","logicalType":"timestamp-millis"}"#, "\"long\"", .long(5)),
    ])
    func promotions(_ value: AvroValue, _ writer: String, _ reader: String, _ expected: AvroValue) throws {
        #expect(try resolve(value, writer: writer, reader: reader) == expected)
    }

    @Test("demotions are refused with the path and both types")
    func demotions() throws {
        let error = #expect(throws: AvroError.self) {
            try AvroBinaryDecoder(writer: AvroSchema(parsing: "\"long\""), reader: AvroSchema(parsing: "\"int\""))
        }
        #expect(error?.description == "/: cannot resolve reader and writer schemas: the writer's long cannot be read as the reader's int")
    }

    static let writerRecord = """
        {"type":"record","name":"User","namespace":"v1","fields":[
          {"name":"id","type":"int"},{"name":"dropped","type":{"type":"array","items":"string"}},
          {"name":"mail","type":"string"},{"name":"kind","type":{"type":"enum","name":"Kind","symbols":["A","B","C"]}}]}
        """
    static let readerRecord = """
        {"type":"record","name":"User","namespace":"v2","fields":[
          {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["A","B","OTHER"],"default":"OTHER"}},
          {"name":"email","type":"string","aliases":["mail"]},
          {"name":"id","type":"long"},
          {"name":"country","type":"string","default":"NL"},
          {"name":"tags","type":{"type":"map","values":"int"},"default":{"a":1}}]}
        """

    @Test("fields are matched by name or alias, dropped, reordered and defaulted; unknown symbols take the enum default")
    func records() throws {
        let value: AvroValue = .record([
            "id": .int(42), "dropped": .array([.string("x"), .string("y")]), "mail": .string("a@b.c"), "kind": .enumSymbol("C"),
        ])
        let resolved = try resolve(value, writer: Self.writerRecord, reader: Self.readerRecord)
        #expect(resolved == .record([
            "kind": .enumSymbol("OTHER"), "email": .string("a@b.c"), "id": .long(42), "country": .string("NL"), "tags": .map(["a": .int(1)]),
        ]))
        let known = try resolve(
            .record(["id": .int(1), "dropped": .array([]), "mail": .string(""), "kind": .enumSymbol("B")]),
            writer: Self.writerRecord, reader: Self.readerRecord
        )
        #expect(known[field: "kind"] == .enumSymbol("B"))
    }

    @Test("a reader field without default that the writer lacks is refused with its path")
    func missingField() throws {
        let reader = #"{"type":"record","name":"User","fields":[{"name":"id","type":"long"},{"name":"email","type":"string"}]}"#
        let writer = #"{"type":"record","name":"User","fields":[{"name":"id","type":"long"}]}"#
        let error = #expect(throws: AvroError.self) {
            try AvroBinaryDecoder(writer: AvroSchema(parsing: writer), reader: AvroSchema(parsing: reader))
        }
        #expect(error == .unresolvable(path: "/fields/1/type", message: "reader field 'email' has no default and is missing from the writer"))
    }

    @Test("an unknown enum symbol without a reader default fails when it is read")
    func enumWithoutDefault() throws {
        let writer = #"{"type":"enum","name":"E","symbols":["A","B"]}"#
        let reader = #"{"type":"enum","name":"E","symbols":["A"]}"#
        #expect(try resolve(.enumSymbol("A"), writer: writer, reader: reader) == .enumSymbol("A"))
        let error = #expect(throws: AvroError.self) { try resolve(.enumSymbol("B"), writer: writer, reader: reader) }
        #expect(error?.description.contains("'B'") == true)
    }

    @Test("unions on either side")
    func unions() throws {
        // Writer union to reader union: each branch finds its counterpart, promoting where needed.
        let writer = #"["null","int","string"]"#
        let reader = #"["string","null","long"]"#
        #expect(try resolve(.null, writer: writer, reader: reader) == .null)
        #expect(try resolve(.int(5), writer: writer, reader: reader) == .long(5))
        #expect(try resolve(.string("s"), writer: writer, reader: reader) == .string("s"))
        // Writer plain, reader union.
        #expect(try resolve(.int(9), writer: "\"int\"", reader: #"["null","double"]"#) == .double(9))
        // Writer union, reader plain: fine until the writer picks a branch the reader cannot take.
        #expect(try resolve(.int(9), writer: #"["null","int"]"#, reader: "\"long\"") == .long(9))
        let error = #expect(throws: AvroError.self) { try resolve(.null, writer: #"["null","int"]"#, reader: "\"long\"") }
        guard case .unresolvable? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(throws: AvroError.self) {
            try AvroBinaryDecoder(writer: AvroSchema(parsing: "\"boolean\""), reader: AvroSchema(parsing: #"["null","int"]"#))
        }
    }

    @Test("renamed records resolve through aliases, fixed sizes must match, decimals must agree")
    func namedTypes() throws {
        let writer = #"{"type":"record","name":"a.Old","fields":[{"name":"f","type":{"type":"fixed","name":"F","size":2}}]}"#
        let renamed = #"{"type":"record","name":"b.New","aliases":["a.Old"],"fields":[{"name":"f","type":{"type":"fixed","name":"F","size":2}}]}"#
        #expect(try resolve(.record(["f": .fixed([1, 2])]), writer: writer, reader: renamed) == .record(["f": .fixed([1, 2])]))
        let unrelated = #"{"type":"record","name":"b.New","fields":[{"name":"f","type":{"type":"fixed","name":"F","size":2}}]}"#
        #expect(throws: AvroError.self) { try AvroBinaryDecoder(writer: AvroSchema(parsing: writer), reader: AvroSchema(parsing: unrelated)) }
        let resized = #"{"type":"record","name":"a.Old","fields":[{"name":"f","type":{"type":"fixed","name":"F","size":3}}]}"#
        #expect(throws: AvroError.self) { try AvroBinaryDecoder(writer: AvroSchema(parsing: writer), reader: AvroSchema(parsing: resized)) }
        let twoDigits = #"{"type":"bytes","logicalType":"decimal","precision":5,"scale":2}"#
        let threeDigits = #"{"type":"bytes","logicalType":"decimal","precision":5,"scale":3}"#
        #expect(throws: AvroError.self) { try AvroBinaryDecoder(writer: AvroSchema(parsing: twoDigits), reader: AvroSchema(parsing: threeDigits)) }
    }

    @Test("recursive schemas resolve against each other")
    func recursive() throws {
        let reader = #"{"type":"record","name":"Node","fields":[{"name":"value","type":"long"},{"name":"next","type":["null","Node"]},{"name":"label","type":"string","default":"-"}]}"#
        let resolved = try resolve(SampleSchemas.linkedList(length: 3), writer: SampleSchemas.linkedListJSON, reader: reader)
        var expected: AvroValue = .null
        for index in (0..<3).reversed() {
            expected = .record(["value": .long(Int64(index)), "next": expected, "label": .string("-")])
        }
        #expect(resolved == expected)
    }
}

import Avro
import Foundation
import Testing

@Suite("Generic values round-trip through the binary codec")
struct RoundTripTests {
    @Test("a record of every type round-trips")
    func everything() throws {
        let schema = try SampleSchemas.everything()
        let bytes = try AvroBinaryEncoder(schema: schema).encode(SampleSchemas.everythingValue)
        let decoded = try AvroBinaryDecoder(schema: schema).decode(bytes)
        #expect(decoded == SampleSchemas.everythingValue)
    }

    @Test("plain underlying values are accepted for logical types and come back tagged")
    func logicalTypesFromPlainValues() throws {
        let schema = AvroSchema.logical(.timestampMillis)
        let bytes = try AvroBinaryEncoder(schema: schema).encode(.long(42))
        #expect(try AvroBinaryDecoder(schema: schema).decode(bytes) == .timestampMillis(42))
    }

    @Test("fields are matched by name, whatever their order in the value; missing fields take the schema default")
    func fieldOrderAndDefaults() throws {
        let schema = try AvroSchema(parsing: """
            {"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"string","default":"dflt"}]}
            """)
        let encoder = try AvroBinaryEncoder(schema: schema)
        let bytes = try encoder.encode(.record(["a": .int(7)]))
        #expect(try AvroBinaryDecoder(schema: schema).decode(bytes) == .record(["a": .int(7), "b": .string("dflt")]))
        #expect(try encoder.encode(.record(["b": .string("dflt"), "a": .int(7)])) == bytes)
        let error = #expect(throws: AvroError.self) { try encoder.encode(.record(["b": .string("x")])) }
        #expect(error?.description.contains("/fields/0") == true)
    }

    @Test("union branches are chosen by the value's kind")
    func unionDispatch() throws {
        let schema = try AvroSchema(parsing: #"["null","int","long","string",{"type":"array","items":"int"}]"#)
        let encoder = try AvroBinaryEncoder(schema: schema)
        #expect(try encoder.encode(.null) == [0x00])
        #expect(try encoder.encode(.int(1)) == [0x02, 0x02])
        #expect(try encoder.encode(.long(1)) == [0x04, 0x02])
        #expect(try encoder.encode(.string("")) == [0x06, 0x00])
        #expect(try encoder.encode(.array([])) == [0x08, 0x00])
        #expect(throws: AvroError.self) { try encoder.encode(.double(1)) }
    }

    @Test("records in a union are told apart by their fields, enums by their symbols")
    func namedUnionBranches() throws {
        let schema = try AvroSchema(parsing: """
            [{"type":"record","name":"A","fields":[{"name":"a","type":"int"}]},
             {"type":"record","name":"B","fields":[{"name":"b","type":"string"}]},
             {"type":"enum","name":"E","symbols":["X"]},{"type":"enum","name":"F","symbols":["Y"]}]
            """)
        let encoder = try AvroBinaryEncoder(schema: schema)
        let decoder = try AvroBinaryDecoder(schema: schema)
        for value: AvroValue in [.record(["a": .int(1)]), .record(["b": .string("x")]), .enumSymbol("X"), .enumSymbol("Y")] {
            #expect(try decoder.decode(encoder.encode(value)) == value)
        }
        #expect(try encoder.encode(.record(["b": .string("x")])).first == 0x02)
        #expect(try encoder.encode(.enumSymbol("Y")).first == 0x06)
    }

    @Test("values that do not fit are rejected with the schema path")
    func mismatchPaths() throws {
        let schema = try SampleSchemas.everything()
        var value = SampleSchemas.everythingValue
        guard case var .record(record) = value else { return }
        record["tags"] = .array([.string("ok"), .int(3)])
        value = .record(record)
        let error = #expect(throws: AvroError.self) { try AvroBinaryEncoder(schema: schema).encode(value) }
        #expect(error?.description.hasPrefix("/fields/10/type/items[1]") == true)
        #expect(throws: AvroError.self) { try AvroBinaryEncoder(schema: .int).encode(.long(Int64(Int32.max) + 1)) }
        #expect(throws: AvroError.self) { try AvroBinaryEncoder(schema: .enumeration(.init(name: "E", symbols: ["A"]))).encode(.enumSymbol("B")) }
        #expect(throws: AvroError.self) { try AvroBinaryEncoder(schema: .fixed(.init(name: "F", size: 2))).encode(.fixed([1])) }
    }

    @Test("a failed encode leaves the buffer as it was")
    func failedEncodeKeepsBuffer() throws {
        let encoder = try AvroBinaryEncoder(schema: .array(.int))
        var buffer: [UInt8] = [9, 9]
        #expect(throws: AvroError.self) { try encoder.encode(.array([.int(1), .string("x")]), into: &buffer) }
        #expect(buffer == [9, 9])
    }

    @Test("decimals check scale and precision")
    func decimals() throws {
        let schema = AvroSchema.logical(.decimal(.init(precision: 5, scale: 2)))
        let encoder = try AvroBinaryEncoder(schema: schema)
        let decoder = try AvroBinaryDecoder(schema: schema)
        let value = try #require(AvroDecimal("-123.45"))
        #expect(try decoder.decode(encoder.encode(.decimal(value))) == .decimal(value))
        // A smaller scale is widened exactly; 1.5 is stored as 150 with scale 2.
        let widened = try decoder.decode(encoder.encode(.decimal(try #require(AvroDecimal("1.5")))))
        #expect(widened == .decimal(try #require(AvroDecimal("1.50"))))
        #expect(throws: AvroError.self) { try encoder.encode(.decimal(try #require(AvroDecimal("1.234")))) }
        #expect(throws: AvroError.self) { try encoder.encode(.decimal(try #require(AvroDecimal("1234.5")))) }
    }

    @Test("recursive data round-trips up to the depth limit and fails cleanly beyond it")
    func recursion() throws {
        let schema = try AvroSchema(parsing: SampleSchemas.linkedListJSON)
        let list = SampleSchemas.linkedList(length: 150)
        let bytes = try AvroBinaryEncoder(schema: schema).encode(list)
        #expect(try AvroBinaryDecoder(schema: schema).decode(bytes) == list)
        let shallow = try AvroBinaryDecoder(schema: schema, limits: DecodingLimits(maxDepth: 100))
        #expect(throws: AvroError.nestingTooDeep(limit: 100)) { try shallow.decode(bytes) }
        #expect(throws: AvroError.nestingTooDeep(limit: 100)) {
            try AvroBinaryEncoder(schema: schema, maxDepth: 100).encode(list)
        }
    }

    @Test("a million levels of hostile recursive input fail without exhausting the stack")
    func hostileRecursion() throws {
        let schema = try AvroSchema(parsing: SampleSchemas.linkedListJSON)
        // value 0, branch 1 (a Node), repeated: each level is two bytes.
        let bytes = (0..<2_000_000).map { (position: Int) -> UInt8 in position % 2 == 0 ? 0x00 : 0x02 }
        #expect(throws: AvroError.nestingTooDeep(limit: DecodingLimits().maxDepth)) {
            try AvroBinaryDecoder(schema: schema).decode(bytes)
        }
    }
}

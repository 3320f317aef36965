import Avro
import Foundation
import Testing

@Suite("Schema parsing: names, namespaces, defaults, logical types and errors")
struct SchemaParsingTests {
    func parse(_ text: String, options: AvroSchema.ParseOptions = .init()) throws -> AvroSchema {
        try AvroSchema(parsing: text, options: options)
    }

    func parseError(_ text: String) -> AvroError? {
        #expect(throws: AvroError.self) { try AvroSchema(parsing: text) }
    }

    @Test("namespaces are inherited, overridden, and names resolve in the enclosing namespace first")
    func namespaces() throws {
        let schema = try parse("""
            {"type":"record","name":"Outer","namespace":"a.b","fields":[
              {"name":"inner","type":{"type":"record","name":"Inner","fields":[]}},
              {"name":"again","type":"Inner"},
              {"name":"full","type":"a.b.Inner"},
              {"name":"other","type":{"type":"enum","name":"E","namespace":"x","symbols":["S"]}},
              {"name":"dotted","type":{"type":"fixed","name":"c.F","namespace":"ignored","size":1}},
              {"name":"global","type":{"type":"record","name":"G","namespace":"","fields":[]}},
              {"name":"refs","type":["x.E","c.F","G"]}
            ]}
            """)
        #expect(Set(schema.namedTypes.keys) == ["a.b.Outer", "a.b.Inner", "x.E", "c.F", "G"])
        guard case let .record(outer) = schema else { Issue.record("not a record"); return }
        #expect(outer.fields[1].type == .reference("a.b.Inner"))
        #expect(outer.fields[6].type == .union([.reference("x.E"), .reference("c.F"), .reference("G")]))
        #expect(schema.canonicalForm.contains(#"{"name":"G","type":"record","fields":[]}"#))
    }

    @Test("a null-namespace type is found from inside a namespace")
    func nullNamespaceFallback() throws {
        let schema = try parse("""
            {"type":"record","name":"Top","fields":[
              {"name":"a","type":{"type":"record","name":"In","namespace":"n","fields":[{"name":"t","type":["null","Top"]}]}}]}
            """)
        #expect(schema.namedTypes["n.In"] != nil)
    }

    @Test("aliases are qualified with the type's namespace")
    func aliases() throws {
        let schema = try parse(#"{"type":"record","name":"R","namespace":"ns","aliases":["Old","other.Older"],"fields":[{"name":"f","type":"int","aliases":["g"]}]}"#)
        guard case let .record(record) = schema else { Issue.record("not a record"); return }
        #expect(record.aliases == ["ns.Old", "other.Older"])
        #expect(record.fields[0].aliases == ["g"])
    }

    @Test("defaults are validated against their types", arguments: [
        (#""int""#, "1", true), (#""int""#, "1.5", false), (#""int""#, "3000000000", false), (#""long""#, "3000000000", true),
        (#""float""#, "1", true), (#""double""#, "\"x\"", false), (#""boolean""#, "\"true\"", false), (#""boolean""#, "false", true),
        (#""string""#, "\"s\"", true), (#""bytes""#, "\"\\u00ff\"", true), (#""bytes""#, "\"\\u0100\"", false),
        (#"["null","string"]"#, "null", true), (#"["string","null"]"#, "null", true), (#"["int","string"]"#, "true", false),
        (#"{"type":"fixed","name":"F","size":2}"#, "\"ab\"", true), (#"{"type":"fixed","name":"F","size":2}"#, "\"a\"", false),
        (#"{"type":"enum","name":"E","symbols":["A"]}"#, "\"A\"", true), (#"{"type":"enum","name":"E","symbols":["A"]}"#, "\"B\"", false),
        (#"{"type":"array","items":"int"}"#, "[1,2]", true), (#"{"type":"array","items":"int"}"#, "[1,\"2\"]", false),
        (#"{"type":"map","values":"long"}"#, "{\"a\":1}", true),
        (#"{"type":"record","name":"P","fields":[{"name":"x","type":"int"},{"name":"y","type":"int","default":0}]}"#, "{\"x\":1}", true),
        (#"{"type":"record","name":"P","fields":[{"name":"x","type":"int"}]}"#, "{}", false),
        (#"{"type":"long","logicalType":"timestamp-millis"}"#, "0", true),
    ])
    func defaults(_ type: String, _ value: String, _ valid: Bool) throws {
        let text = #"{"type":"record","name":"R","fields":[{"name":"f","type":\#(type),"default":\#(value)}]}"#
        if valid {
            #expect(throws: Never.self) { try AvroSchema(parsing: text) }
        } else {
            let error = parseError(text)
            #expect(error?.description.hasPrefix("/fields/0/default") == true, "\(String(describing: error))")
            #expect(throws: Never.self) { try AvroSchema(parsing: text, options: .init(validatesDefaults: false)) }
        }
    }

    @Test("defaults become typed values")
    func defaultValues() throws {
        let schema = try parse("""
            {"type":"record","name":"R","fields":[
              {"name":"t","type":{"type":"long","logicalType":"timestamp-millis"},"default":5},
              {"name":"b","type":"bytes","default":"\\u0001\\u00ff"},
              {"name":"u","type":["null","int"],"default":null}]}
            """)
        guard case let .record(record) = schema else { Issue.record("not a record"); return }
        #expect(record.fields.map(\.defaultValue) == [.timestampMillis(5), .bytes([1, 255]), .null])
    }

    @Test("logical types over the right base are kept; unknown ones are ignored")
    func logicalTypes() throws {
        #expect(try parse(#"{"type":"int","logicalType":"date"}"#) == .logical(.date))
        #expect(try parse(#"{"type":"int","logicalType":"time-millis"}"#) == .logical(.timeMillis))
        #expect(try parse(#"{"type":"long","logicalType":"time-micros"}"#) == .logical(.timeMicros))
        #expect(try parse(#"{"type":"long","logicalType":"timestamp-micros"}"#) == .logical(.timestampMicros))
        #expect(try parse(#"{"type":"long","logicalType":"local-timestamp-millis"}"#) == .logical(.localTimestampMillis))
        #expect(try parse(#"{"type":"string","logicalType":"uuid"}"#) == .logical(.uuid))
        #expect(try parse(#"{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}"#) == .logical(.decimal(.init(precision: 9, scale: 2))))
        #expect(try parse(#"{"type":"string","logicalType":"color"}"#) == .string)
    }

    @Test("invalid logical types are errors, or ignored when asked", arguments: [
        (#"{"type":"long","logicalType":"date"}"#, "/type"),
        (#"{"type":"bytes","logicalType":"decimal","precision":0}"#, "/precision"),
        (#"{"type":"bytes","logicalType":"decimal","precision":4,"scale":5}"#, "/scale"),
        (#"{"type":"bytes","logicalType":"decimal"}"#, "/precision"),
        (#"{"type":"fixed","name":"F","size":4,"logicalType":"decimal","precision":10}"#, "/precision"),
    ])
    func invalidLogicalTypes(_ text: String, _ path: String) throws {
        let error = parseError(text)
        guard case let .invalidSchema(errorPath, _)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(errorPath == path)
        let lenient = try AvroSchema(parsing: text, options: .init(validatesLogicalTypes: false))
        if case .logical = lenient { Issue.record("the invalid logical type was kept") }
    }

    @Test("fixed decimals hold as many digits as their size allows")
    func fixedDecimalPrecision() throws {
        #expect(throws: Never.self) { try AvroSchema(parsing: #"{"type":"fixed","name":"F","size":4,"logicalType":"decimal","precision":9}"#) }
        #expect(throws: Never.self) { try AvroSchema(parsing: #"{"type":"fixed","name":"F","size":16,"logicalType":"decimal","precision":38}"#) }
        #expect(throws: AvroError.self) { try AvroSchema(parsing: #"{"type":"fixed","name":"F","size":16,"logicalType":"decimal","precision":39}"#) }
    }

    @Test("schema errors name the path and say what to do", arguments: [
        (#""strng""#, "/", "unknown type 'strng'"),
        (#"{"type":"record","fields":[]}"#, "/name", "needs a \"name\""),
        (#"{"type":"record","name":"1R","fields":[]}"#, "/name", "not a valid name"),
        (#"{"type":"record","name":"int","fields":[]}"#, "/name", "primitive"),
        (#"{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"a","type":"int"}]}"#, "/fields/1/name", "already field 0"),
        (#"{"type":"record","name":"R","fields":[{"name":"a"}]}"#, "/fields/0/type", "needs a \"type\""),
        (#"{"type":"enum","name":"E","symbols":["A","A"]}"#, "/symbols/1", "unique"),
        (#"{"type":"enum","name":"E","symbols":["A"],"default":"B"}"#, "/default", "not one of the symbols"),
        (#"{"type":"enum","name":"E","symbols":["a-b"]}"#, "/symbols/0", "must be names"),
        (#"{"type":"fixed","name":"F","size":-1}"#, "/size", "non-negative"),
        (#"["int","int"]"#, "/1", "repeats 'int'"),
        (#"["int",["null"]]"#, "/1", "cannot contain another union"),
        (#"["long",{"type":"long","logicalType":"timestamp-millis"}]"#, "/1", "repeats 'long'"),
        (#"{"type":"array"}"#, "/", "\"items\""),
        (#"{"type":"map"}"#, "/", "\"values\""),
        (#"[{"type":"record","name":"R","fields":[]},{"type":"enum","name":"R","symbols":["A"]}]"#, "/1/name", "already defined"),
        (#"{"type":"record","name":"R","fields":[{"name":"a","type":"int","order":"up"}]}"#, "/fields/0/order", "\"ascending\""),
        ("42", "/", "expected a type name"),
    ])
    func schemaErrors(_ text: String, _ path: String, _ fragment: String) throws {
        let error = parseError(text)
        guard case let .invalidSchema(errorPath, message)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect((errorPath.isEmpty ? "/" : errorPath) == path)
        #expect(message.contains(fragment), "\(message)")
    }

    @Test("JSON errors carry line and column", arguments: [
        ("{\"type\":\n  \"int\",}", 2, 9), ("[\"int\" \"long\"]", 1, 8), ("{\"a\":1,\"a\":2}", 1, 8), ("\"int", 1, 5), ("{\"type\":tru}", 1, 9),
    ])
    func jsonErrors(_ text: String, _ line: Int, _ column: Int) {
        let error = parseError(text)
        guard case let .invalidJSON(_, errorLine, errorColumn)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(errorLine == line)
        #expect(errorColumn == column)
    }

    @Test("deeply nested JSON fails cleanly instead of exhausting the stack")
    func deepJSON() {
        let deep = String(repeating: "[", count: 1_000_000) + String(repeating: "]", count: 1_000_000)
        let error = parseError(deep)
        guard case let .invalidJSON(message, _, _)? = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(message.contains("nesting deeper than"))
        let arrays = String(repeating: #"{"type":"array","items":"#, count: 300) + "\"int\"" + String(repeating: "}", count: 300)
        #expect(throws: AvroError.self) { try AvroSchema(parsing: arrays) }
        #expect(throws: Never.self) { try AvroSchema(parsing: arrays, options: .init(maxNestingDepth: 512)) }
    }

    @Test("locations map JSON paths to line and column")
    func locations() throws {
        let text = "{\"type\":\"record\",\"name\":\"R\",\n \"fields\":[\n  {\"name\":\"a\",\"type\":\"int\"}]}"
        #expect(try #require(AvroSchema.location(of: "/fields/0/type", in: text)) == (3, 22))
        #expect(try #require(AvroSchema.location(of: "/fields/0/missing", in: text)) == (3, 3))
        #expect(try #require(AvroSchema.location(of: "", in: text)) == (1, 1))
    }

    @Test("the full JSON form keeps every attribute and parses back to the same schema")
    func jsonString() throws {
        let schema = try SampleSchemas.everything()
        let reparsed = try AvroSchema(parsing: schema.jsonString)
        #expect(reparsed == schema)
        let withExtras = try parse("""
            {"type":"record","name":"R","namespace":"n","doc":"d","aliases":["Q"],"fields":[
              {"name":"e","type":{"type":"enum","name":"E","symbols":["A","B"],"default":"B"},"default":"A","order":"descending","aliases":["x"],"doc":"f"}]}
            """)
        #expect(try AvroSchema(parsing: withExtras.jsonString) == withExtras)
    }
}

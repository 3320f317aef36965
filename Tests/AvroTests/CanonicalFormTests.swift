import Avro
import Testing

@Suite("Parsing Canonical Form and CRC-64-AVRO, Apache Avro vectors")
struct CanonicalFormTests {
    @Test("the fixture holds every numbered case")
    func fixtureIsComplete() throws {
        let cases = try Fixtures.schemaCases()
        let lines = try Fixtures.text("schema-tests.txt").split(separator: "\n")
        let headers = lines.filter { $0.hasPrefix("// ") && $0.dropFirst(3).allSatisfy(\.isNumber) }
        #expect(cases.count == headers.count)
        #expect(cases.count >= 34)
        #expect(cases.filter { $0.fingerprint != nil }.count == lines.filter { $0.hasPrefix("<<fingerprint ") }.count)
    }

    // Case 026 gives a boolean field the default "true" (a string); the canonical form ignores defaults, so
    // it is parsed without default validation, as the Java test harness does.
    @Test("canonical form matches", arguments: try Fixtures.schemaCases())
    func canonicalForm(_ vector: Fixtures.SchemaCase) throws {
        let schema = try AvroSchema(parsing: vector.input, options: .init(validatesDefaults: false))
        #expect(schema.canonicalForm == vector.canonical)
    }

    @Test("fingerprint matches", arguments: try Fixtures.schemaCases().filter { $0.fingerprint != nil })
    func fingerprint(_ vector: Fixtures.SchemaCase) throws {
        let schema = try AvroSchema(parsing: vector.input, options: .init(validatesDefaults: false))
        #expect(Int64(bitPattern: schema.fingerprint) == vector.fingerprint)
    }

    @Test("the canonical form parses back to the same canonical form", arguments: try Fixtures.schemaCases())
    func canonicalFormIsStable(_ vector: Fixtures.SchemaCase) throws {
        let schema = try AvroSchema(parsing: vector.canonical)
        #expect(schema.canonicalForm == vector.canonical)
    }

    @Test("the string default of a boolean field is rejected when defaults are validated")
    func case026DefaultIsInvalid() throws {
        let vector = try #require(try Fixtures.schemaCases().first { $0.number == "026" })
        #expect(throws: AvroError.self) { try AvroSchema(parsing: vector.input) }
    }

    @Test("logical types, defaults and docs are stripped from the canonical form")
    func logicalTypesStripped() throws {
        let schema = try AvroSchema(parsing: """
            {"type":"record","name":"Event","namespace":"com.example","doc":"d","fields":[
              {"name":"at","type":{"type":"long","logicalType":"timestamp-millis"},"default":0},
              {"name":"id","type":{"type":"string","logicalType":"uuid"}},
              {"name":"amount","type":{"type":"fixed","name":"Money","size":8,"logicalType":"decimal","precision":10,"scale":2}},
              {"name":"more","type":["null","Money"],"default":null}
            ]}
            """)
        #expect(schema.canonicalForm == """
            {"name":"com.example.Event","type":"record","fields":[{"name":"at","type":"long"},\
            {"name":"id","type":"string"},{"name":"amount","type":{"name":"com.example.Money","type":"fixed","size":8}},\
            {"name":"more","type":["null","com.example.Money"]}]}
            """)
    }
}

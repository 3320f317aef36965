import Avro
import Foundation
import Testing

@Suite("Compatibility levels and their messages")
struct CompatibilityTests {
    static let v1 = #"{"type":"record","name":"User","fields":[{"name":"id","type":"long"},{"name":"name","type":"string"}]}"#
    /// Adds a field without a default: new readers cannot read old data.
    static let addedRequired = #"{"type":"record","name":"User","fields":[{"name":"id","type":"long"},{"name":"name","type":"string"},{"name":"email","type":"string"}]}"#
    /// Adds a field with a default: compatible both ways.
    static let addedOptional = #"{"type":"record","name":"User","fields":[{"name":"id","type":"long"},{"name":"name","type":"string"},{"name":"email","type":["null","string"],"default":null}]}"#
    /// Removes a field without a default: old readers cannot read new data.
    static let removedName = #"{"type":"record","name":"User","fields":[{"name":"id","type":"long"}]}"#

    func schema(_ text: String) throws -> AvroSchema { try AvroSchema(parsing: text) }

    @Test("level names are case-insensitive")
    func levelNames() {
        #expect(CompatibilityLevel(name: "full_transitive") == .fullTransitive)
        #expect(CompatibilityLevel(name: "Backward") == .backward)
        #expect(CompatibilityLevel(name: "sideways") == nil)
        #expect(CompatibilityLevel.allCases.count == 7)
    }

    @Test("the brief's message for a new required field")
    func missingDefaultMessage() throws {
        let found = try SchemaCompatibility.incompatibilities(reader: schema(Self.addedRequired), writer: schema(Self.v1))
        #expect(found.map(\.description) == ["/fields/2/type: reader field 'email' has no default and is missing from the writer"])
        #expect(found.first?.kind == .readerFieldMissingDefaultValue)
    }

    @Test("each level checks the right direction", arguments: [
        (addedRequired, CompatibilityLevel.backward, false), (addedRequired, .forward, true), (addedRequired, .full, false),
        (addedOptional, .backward, true), (addedOptional, .forward, true), (addedOptional, .full, true),
        (removedName, .backward, true), (removedName, .forward, false), (removedName, .full, false),
        (removedName, .none, true), (addedRequired, .none, true),
    ])
    func levels(_ newSchema: String, _ level: CompatibilityLevel, _ compatible: Bool) throws {
        let result = try SchemaCompatibility.check(schema(newSchema), against: [schema(Self.v1)], level: level)
        #expect(result.isCompatible == compatible)
    }

    @Test("transitive levels check every earlier schema, the others only the latest")
    func transitive() throws {
        // v1 -> v2 (adds email with a default) -> v3 (drops the default): v3 reads v2 data but not v1 data.
        let v3 = try schema(#"{"type":"record","name":"User","fields":[{"name":"id","type":"long"},{"name":"name","type":"string"},{"name":"email","type":["null","string"]}]}"#)
        let history = [try schema(Self.v1), try schema(Self.addedOptional)]
        #expect(try SchemaCompatibility.check(v3, against: history, level: .backward).isCompatible)
        let transitive = try SchemaCompatibility.check(v3, against: history, level: .backwardTransitive)
        #expect(!transitive.isCompatible)
        #expect(transitive.failures.map(\.previousIndex) == [0])
        #expect(transitive.failures.first?.direction == .newReadsPrevious)
    }

    @Test("every kind of breaking change is named with its path")
    func kinds() throws {
        let writer = try schema("""
            {"type":"record","name":"R","fields":[
              {"name":"a","type":"long"},
              {"name":"b","type":{"type":"enum","name":"E","symbols":["X","Y","Z"]}},
              {"name":"c","type":{"type":"fixed","name":"F","size":4}},
              {"name":"d","type":["null","string","int"]},
              {"name":"e","type":{"type":"array","items":{"type":"record","name":"Inner","fields":[{"name":"q","type":"string"}]}}},
              {"name":"f","type":{"type":"bytes","logicalType":"decimal","precision":6,"scale":2}}]}
            """)
        let reader = try schema("""
            {"type":"record","name":"R","fields":[
              {"name":"a","type":"int"},
              {"name":"b","type":{"type":"enum","name":"E","symbols":["X"]}},
              {"name":"c","type":{"type":"fixed","name":"F","size":8}},
              {"name":"d","type":["null","string"]},
              {"name":"e","type":{"type":"array","items":{"type":"record","name":"Other","fields":[{"name":"q","type":"string"}]}}},
              {"name":"f","type":{"type":"bytes","logicalType":"decimal","precision":6,"scale":3}}]}
            """)
        let found = try SchemaCompatibility.incompatibilities(reader: reader, writer: writer)
        #expect(found.map(\.kind) == [.typeMismatch, .missingEnumSymbols, .fixedSizeMismatch, .missingUnionBranch, .nameMismatch, .decimalMismatch])
        #expect(found.map(\.path) == ["/fields/0/type", "/fields/1/type/symbols", "/fields/2/type/size", "/fields/3/type", "/fields/4/type/items/name", "/fields/5/type"])
        #expect(found[0].message == "the reader's int cannot read the writer's long")
        #expect(found[1].message.contains("Y, Z"))
    }

    @Test("an enum default makes new writer symbols readable")
    func enumDefault() throws {
        let writer = try schema(#"{"type":"enum","name":"E","symbols":["A","B"]}"#)
        let reader = try schema(#"{"type":"enum","name":"E","symbols":["A","UNKNOWN"],"default":"UNKNOWN"}"#)
        #expect(try SchemaCompatibility.incompatibilities(reader: reader, writer: writer).isEmpty)
    }

    @Test("recursive schemas are checked without looping")
    func recursive() throws {
        let list = try schema(SampleSchemas.linkedListJSON)
        #expect(try SchemaCompatibility.incompatibilities(reader: list, writer: list).isEmpty)
        let widened = try schema(#"{"type":"record","name":"Node","fields":[{"name":"value","type":"string"},{"name":"next","type":["null","Node"]}]}"#)
        let found = try SchemaCompatibility.incompatibilities(reader: widened, writer: list)
        #expect(found.map(\.path) == ["/fields/0/type"])
    }

    // The decoder defers a writer union branch the reader lacks until such data appears, so it may build where the
    // checker objects; it must never fail where the checker sees no problem.
    @Test("whatever the checker accepts, the resolving decoder can read", arguments: [v1, addedRequired, addedOptional, removedName])
    func agreesWithResolver(_ readerText: String) throws {
        for writerText in [Self.v1, Self.addedRequired, Self.addedOptional, Self.removedName] {
            let reader = try schema(readerText)
            let writer = try schema(writerText)
            let compatible = try SchemaCompatibility.incompatibilities(reader: reader, writer: writer).isEmpty
            let resolvable = (try? AvroBinaryDecoder(writer: writer, reader: reader)) != nil
            #expect(!compatible || resolvable, "reader \(readerText) writer \(writerText)")
        }
    }
}

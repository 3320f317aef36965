import Testing
@testable import Scaffold

@Suite("Swift structs from Avro record schemas")
struct AvroRecordTypeTests {
    @Test("fields map to Swift types and camelCase names, defaults to literals, nested records to structs of their own")
    func mapsTypes() throws {
        let type = try AvroRecordType.make(schemaText: """
            {"type": "record", "name": "Order", "namespace": "shop", "doc": "An order.", "fields": [
              {"name": "order_id", "type": "string"},
              {"name": "count", "type": "int", "default": 1},
              {"name": "total", "type": "double"},
              {"name": "paid", "type": "boolean", "default": false},
              {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "DONE"]}},
              {"name": "next_status", "type": "Status", "default": "DONE"},
              {"name": "note", "type": ["null", "string"], "default": null},
              {"name": "tags", "type": {"type": "array", "items": "string"}, "default": []},
              {"name": "attributes", "type": {"type": "map", "values": "long"}},
              {"name": "digest", "type": {"type": "fixed", "name": "MD5", "size": 16}},
              {"name": "placed_at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "address", "type": {"type": "record", "name": "Address", "fields": [{"name": "city", "type": "string"}]}},
              {"name": "default", "type": "bytes"}
            ]}
            """)
        #expect(type.swiftName == "Order")
        #expect(type.records.map(\.swiftName) == ["Order", "Address"])
        #expect(type.records.map(\.fullName) == ["shop.Order", "shop.Address"])
        #expect(type.identityIsText)
        #expect(!type.needsFoundation)
        let fields = type.records[0].fields
        #expect(fields.map(\.swiftName) == [
            "orderId", "count", "total", "paid", "status", "nextStatus", "note", "tags", "attributes", "digest", "placedAt",
            "address", "`default`",
        ])
        #expect(fields.map(\.swiftType) == [
            "String", "Int32", "Double", "Bool", "Status", "Status", "String?", "[String]", "[String: Int64]", "[UInt8]", "Int64",
            "Address", "[UInt8]",
        ])
        #expect(fields.map(\.defaultLiteral) == [nil, "1", nil, "false", nil, ".done", "nil", "[]", nil, nil, nil, nil, nil])
        #expect(fields[0].sampleExpression == "String(sequence)")
        #expect(fields[2].sampleExpression == "Double(sequence)")
        #expect(fields[4].sampleExpression == ".new")
        #expect(type.enumerations.map(\.swiftName) == ["Status"])
        #expect(type.enumerations.first?.cases == [.init(swiftName: "new", symbol: "NEW"), .init(swiftName: "done", symbol: "DONE")])
        #expect(fields[9].sampleExpression == "[UInt8](repeating: UInt8(truncatingIfNeeded: sequence), count: 16)")
        #expect(fields[11].sampleExpression == "Address.sample(sequence)")
        #expect(type.records[0].needsCodingKeys)
        #expect(!type.records[1].needsCodingKeys)
        #expect(type.records[0].doc == "An order.")
    }

    @Test("the first field carries the sequence number: an int gets it truncated to 32 bits, a long as it is")
    func identityField() throws {
        let int = try AvroRecordType.make(schemaText: #"{"type": "record", "name": "r", "fields": [{"name": "n", "type": "int", "default": 5}]}"#)
        #expect(int.swiftName == "R")
        #expect(!int.identityIsText)
        #expect(int.identityField.sampleExpression == "Int32(truncatingIfNeeded: sequence)")
        #expect(int.records[0].fields[0].defaultLiteral == nil, "the sequence number, never the default, fills the first field")
        let long = try AvroRecordType.make(schemaText: #"{"type": "record", "name": "R", "fields": [{"name": "n", "type": "long"}]}"#)
        #expect(long.identityField.sampleExpression == "Int64(sequence)")
    }

    @Test("enum symbols become Swift case names", arguments: [
        ("UPDATED", "updated"), ("IN_PROGRESS", "inProgress"), ("InProgress", "inProgress"), ("DEFAULT", "`default`"), ("a", "a"),
    ])
    func caseNames(symbol: String, caseName: String) throws {
        let type = try AvroRecordType.make(schemaText: """
            {"type": "record", "name": "R", "fields": [{"name": "id", "type": "long"},
              {"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["\(symbol)"]}}]}
            """)
        #expect(type.enumerations.first?.cases.first?.swiftName == caseName)
    }

    @Test("uuid and decimal fields need Foundation")
    func foundationTypes() throws {
        let type = try AvroRecordType.make(schemaText: """
            {"type": "record", "name": "R", "fields": [
              {"name": "id", "type": "long"},
              {"name": "ref", "type": {"type": "string", "logicalType": "uuid"}},
              {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}}
            ]}
            """)
        #expect(type.needsFoundation)
        #expect(type.records[0].fields.map(\.swiftType) == ["Int64", "String", "Decimal"])
    }

    @Test("what a Swift struct cannot hold is refused with its path in the schema", arguments: [
        (#"{"type": "record", "name": "R", "fields": []}"#, "/fields"),
        (#"{"type": "record", "name": "R", "fields": [{"name": "id", "type": "long"}, {"name": "n", "type": "null"}]}"#, "/fields/1/type"),
        (#"{"type": "record", "name": "R", "fields": [{"name": "id", "type": "long"}, {"name": "u", "type": "Unknown"}]}"#, "/fields/1/type"),
        (#"{"type": "record", "name": "R", "fields": [{"name": "id", "type": "long"}, {"name": "a", "type": {"type": "record", "name": "R", "fields": []}}]}"#, "/fields/1/type/name"),
        (#"[1, 2"#, "/"),
    ])
    func refusals(schema: String, path: String) {
        #expect(throws: AvroRecordType.Problem.self) { try AvroRecordType.make(schemaText: schema) }
        do {
            _ = try AvroRecordType.make(schemaText: schema)
        } catch {
            #expect(error.path == path, "\(error.message)")
        }
    }

    @Test("a field name that is no Avro name, and so no Swift property, is refused", arguments: [
        (#"{"type": "record", "name": "R", "fields": [{"name": "id", "type": "long"}, {"name": "a-b", "type": "int"}]}"#, "/fields/1"),
        (#"{"type": "record", "name": "R", "fields": [{"name": "id", "type": "long"}, {"name": "_", "type": "int"}]}"#, "/fields/1/name"),
        (#"{"type": "record", "name": "R", "fields": [{"name": "id", "type": "long"}, {"name": "a_b", "type": "int"}, {"name": "aB", "type": "int"}]}"#, "/fields/2/name"),
    ])
    func nonIdentifierNames(schema: String, pathPrefix: String) {
        do {
            let type = try AvroRecordType.make(schemaText: schema)
            Issue.record("accepted, generating \(type.records[0].fields.map(\.swiftName))")
        } catch {
            #expect(error.path.hasPrefix(pathPrefix), "\(error.path): \(error.message)")
        }
    }

    @Test("a default that does not fit its field's type is refused at the field, with its line in the schema")
    func defaultOfWrongType() {
        let schema = """
            {"type": "record", "name": "R", "fields": [
              {"name": "id", "type": "long"},
              {"name": "n", "type": "int", "default": "notanint"}
            ]}
            """
        do {
            _ = try AvroRecordType.make(schemaText: schema)
            Issue.record("a string default on an int field was accepted")
        } catch {
            #expect(error.path.hasPrefix("/fields/1"), "\(error.path): \(error.message)")
            #expect(error.message.contains("line 3"), "\(error.message)")
        }
    }
}

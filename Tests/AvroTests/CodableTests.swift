import Avro
import Foundation
import Testing

@Suite("Codable values encode and decode against a schema")
struct CodableTests {
    enum Suit: String, Codable, Equatable {
        case spades = "SPADES", hearts = "HEARTS", diamonds = "DIAMONDS", clubs = "CLUBS"
    }

    struct Inner: Codable, Equatable {
        var x: Int32
        var y: Box?
    }

    final class Box: Codable, Equatable {
        let inner: Inner
        init(_ inner: Inner) { self.inner = inner }
        static func == (lhs: Box, rhs: Box) -> Bool { lhs.inner == rhs.inner }
        func encode(to encoder: any Encoder) throws { try inner.encode(to: encoder) }
        init(from decoder: any Decoder) throws { inner = try Inner(from: decoder) }
    }

    /// The Swift counterpart of `SampleSchemas.everythingJSON` (minus the `choice` union, which has no single Swift type).
    struct Everything: Codable, Equatable {
        var n: Int?
        var flag: Bool
        var i: Int
        var l: Int64
        var f: Float
        var d: Double
        var raw: Data
        var s: String
        var suit: Suit
        var hash: [UInt8]
        var tags: [String]
        var scores: [String: Int64]
        var maybe: String?
        var choice: String
        var inner: Inner
        var day: Date
        var tms: Int32
        var tus: Int64
        var tsms: Date
        var tsus: Date
        var price: Decimal
        var amount: AvroDecimal
        var id: UUID
    }

    static func sample() throws -> Everything {
        Everything(
            n: nil, flag: true, i: -123_456, l: 9_007_199_254_740_993, f: 3.5, d: -0.000123,
            raw: Data([0, 1, 2, 0xFF]), s: "héllo ✓ 🌍", suit: .diamonds, hash: Array(0..<16), tags: ["a", "b"],
            scores: ["x": 1, "y": -2], maybe: "present", choice: "CLUBS",
            inner: Inner(x: 1, y: Box(Inner(x: 2, y: nil))),
            day: Date(timeIntervalSince1970: 19_000 * 86_400), tms: 45_296_789, tus: 45_296_789_012,
            tsms: Date(timeIntervalSince1970: 1_700_000_000.123), tsus: Date(timeIntervalSince1970: 1_700_000_000.123456),
            price: try #require(Decimal(string: "-12345.6789")),
            amount: try #require(AvroDecimal("98765432109876543210.99")),
            id: try #require(UUID(uuidString: "123e4567-e89b-12d3-a456-426614174000"))
        )
    }

    @Test("a struct of every type encodes to the same bytes as the equivalent generic value")
    func matchesGenericEncoding() throws {
        let schema = try SampleSchemas.everything()
        let bytes = try AvroEncoder(schema: schema).encode(Self.sample())
        // "choice" is an [int, string, Suit] union: the Swift String "CLUBS" goes to the string branch.
        guard case var .record(expected) = SampleSchemas.everythingValue else { return }
        expected["choice"] = .string("CLUBS")
        #expect(try AvroBinaryDecoder(schema: schema).decode(bytes) == .record(expected))
    }

    @Test("a struct of every type round-trips")
    func roundTrip() throws {
        let schema = try SampleSchemas.everything()
        let sample = try Self.sample()
        let bytes = try AvroEncoder(schema: schema).encode(sample)
        let decoded = try AvroDecoder(schema: schema).decode(Everything.self, from: bytes)
        #expect(decoded.tsus.timeIntervalSince1970 == sample.tsus.timeIntervalSince1970)
        #expect(decoded == sample)
    }

    struct User: Codable, Equatable {
        var id: Int64
        var email: String?
        var level: Suit
    }

    static let userSchema = """
        {"type":"record","name":"User","fields":[{"name":"id","type":"long"},{"name":"email","type":["null","string"]},
        {"name":"level","type":{"type":"enum","name":"Suit","symbols":["SPADES","HEARTS","DIAMONDS","CLUBS"]}}]}
        """

    @Test("nil optionals, left out by synthesized Codable, become null")
    func omittedOptional() throws {
        let schema = try AvroSchema(parsing: Self.userSchema)
        let user = User(id: 5, email: nil, level: .hearts)
        let bytes = try AvroEncoder(schema: schema).encode(user)
        #expect(bytes == [0x0A, 0x00, 0x02])
        #expect(try AvroDecoder(schema: schema).decode(User.self, from: bytes) == user)
    }

    @Test("properties that do not fit the schema are reported by coding path")
    func mismatches() throws {
        struct Wrong: Codable { var id: String; var email: String?; var level: String }
        let schema = try AvroSchema(parsing: Self.userSchema)
        let error = #expect(throws: AvroError.self) { try AvroEncoder(schema: schema).encode(Wrong(id: "x", email: nil, level: "SPADES")) }
        #expect(error?.description.hasPrefix("id: cannot encode String \"x\" as long") == true)
        let symbol = #expect(throws: AvroError.self) { try AvroEncoder(schema: schema).encode(Wrong(id: "1", email: nil, level: "JOKER")) }
        #expect(symbol != nil)

        struct Extra: Codable { var id: Int64; var level: Suit; var nickname: String }
        let extra = #expect(throws: AvroError.self) { try AvroEncoder(schema: schema).encode(Extra(id: 1, level: .clubs, nickname: "n")) }
        #expect(extra?.description.contains("has no field 'nickname'") == true)

        struct Missing: Codable { var email: String? }
        let missing = #expect(throws: AvroError.self) { try AvroEncoder(schema: schema).encode(Missing(email: "a")) }
        #expect(missing?.description.hasPrefix("id: no value for field 'id'") == true)

        struct Small: Codable { var value: Int }
        let small = try AvroSchema(parsing: #"{"type":"record","name":"Small","fields":[{"name":"value","type":"int"}]}"#)
        #expect(throws: AvroError.self) { try AvroEncoder(schema: small).encode(Small(value: Int(Int32.max) + 1)) }
    }

    @Test("a reader struct decodes data written with an older schema, taking defaults")
    func resolution() throws {
        struct UserV2: Codable, Equatable { var id: Int64; var email: String?; var country: String }
        let v1 = try AvroSchema(parsing: #"{"type":"record","name":"User","fields":[{"name":"id","type":"int"},{"name":"email","type":["null","string"]}]}"#)
        let v2 = try AvroSchema(parsing: """
            {"type":"record","name":"User","fields":[{"name":"id","type":"long"},{"name":"email","type":["null","string"]},
            {"name":"country","type":"string","default":"NL"}]}
            """)
        let bytes = try AvroBinaryEncoder(schema: v1).encode(.record(["id": .int(7), "email": .string("a@b")]))
        let user = try AvroDecoder(writer: v1, reader: v2).decode(UserV2.self, from: bytes)
        #expect(user == UserV2(id: 7, email: "a@b", country: "NL"))
    }

    @Test("dictionaries map to Avro maps and arrays of records to arrays")
    func collections() throws {
        struct Point: Codable, Equatable { var x: Double; var y: Double }
        struct Shape: Codable, Equatable { var points: [Point]; var labels: [String: [Int32]] }
        let schema = try AvroSchema(parsing: """
            {"type":"record","name":"Shape","fields":[
              {"name":"points","type":{"type":"array","items":{"type":"record","name":"Point","fields":[{"name":"x","type":"double"},{"name":"y","type":"double"}]}}},
              {"name":"labels","type":{"type":"map","values":{"type":"array","items":"int"}}}]}
            """)
        let shape = Shape(points: [Point(x: 1, y: 2), Point(x: -3, y: 0.5)], labels: ["a": [1, 2], "b": []])
        let bytes = try AvroEncoder(schema: schema).encode(shape)
        #expect(try AvroDecoder(schema: schema).decode(Shape.self, from: bytes) == shape)
    }

    final class Node: Codable {
        var value: Int32
        var next: Node?
        init(value: Int32, next: Node?) {
            self.value = value
            self.next = next
        }
    }

    @Test("recursive Swift types encode and decode up to the depth limit")
    func recursiveTypes() throws {
        let schema = try AvroSchema(parsing: SampleSchemas.linkedListJSON)
        var head: Node?
        for value in (0..<150).reversed() {
            head = Node(value: Int32(value), next: head)
        }
        let bytes = try AvroEncoder(schema: schema).encode(head)
        #expect(try AvroBinaryDecoder(schema: schema).decode(bytes) == SampleSchemas.linkedList(length: 150))
        var decoded = try AvroDecoder(schema: schema).decode(Node.self, from: bytes)
        var count = 1
        while let next = decoded.next {
            #expect(next.value == decoded.value + 1)
            decoded = next
            count += 1
        }
        #expect(count == 150)
    }
}

import Avro
import Foundation
import Testing

/// The Codable encoder streams fields in schema order and falls back to per-field chunks; these tests drive the
/// fallbacks with hand-written `encode(to:)` methods and compare with the generic encoder's bytes.
@Suite("Codable encoding: key order, gaps, nested containers and unions")
struct CodableStreamingTests {
    static let schemaJSON = """
        {"type":"record","name":"Item","fields":[
          {"name":"a","type":"int"},
          {"name":"b","type":["null","string"]},
          {"name":"c","type":"string","default":"C"},
          {"name":"d","type":{"type":"record","name":"Point","fields":[{"name":"x","type":"int"},{"name":"y","type":"int"}]}},
          {"name":"e","type":{"type":"array","items":"long"}},
          {"name":"f","type":{"type":"map","values":"Point"}}]}
        """

    static let expected: AvroValue = .record([
        "a": .int(1), "b": .null, "c": .string("C"), "d": .record(["x": .int(2), "y": .int(3)]),
        "e": .array([.long(4), .long(5)]), "f": .map(["p": .record(["x": .int(6), "y": .int(7)])]),
    ])

    enum Keys: String, CodingKey {
        case a, b, c, d, e, f, x, y
    }

    /// Writes the fields in a given order, with or without nested containers.
    struct Item: Encodable {
        var order: [Keys]
        var nested: Bool

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            for key in order {
                switch key {
                case .a: try container.encode(1, forKey: .a)
                case .b: try container.encodeNil(forKey: .b)
                case .c: try container.encode("C", forKey: .c)
                case .d:
                    if nested {
                        var point = container.nestedContainer(keyedBy: Keys.self, forKey: .d)
                        try point.encode(2, forKey: .x)
                        try point.encode(3, forKey: .y)
                    } else {
                        try container.encode(["x": 2, "y": 3], forKey: .d)
                    }
                case .e:
                    if nested {
                        var items = container.nestedUnkeyedContainer(forKey: .e)
                        try items.encode(4)
                        try items.encode(5)
                    } else {
                        try container.encode([4, 5], forKey: .e)
                    }
                case .f:
                    if nested {
                        var map = container.nestedContainer(keyedBy: AnyKey.self, forKey: .f)
                        var point = map.nestedContainer(keyedBy: Keys.self, forKey: AnyKey(stringValue: "p"))
                        try point.encode(7, forKey: .y)
                        try point.encode(6, forKey: .x)
                    } else {
                        try container.encode(["p": ["x": 6, "y": 7]], forKey: .f)
                    }
                case .x, .y: break
                }
            }
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    static let keyOrders: [[Keys]] = [
        [.a, .b, .c, .d, .e, .f],
        [.f, .e, .d, .c, .b, .a],
        [.a, .d, .e, .f],
        [.a, .c, .d, .b, .e, .f],
        [.d, .a, .f, .e],
        [.a, .b, .e, .d, .f],
    ]

    @Test("any key order, gaps filled from defaults and null, gives the same bytes", arguments: keyOrders, [false, true])
    func keyOrder(_ order: [Keys], nested: Bool) throws {
        let schema = try AvroSchema(parsing: Self.schemaJSON)
        let bytes = try AvroEncoder(schema: schema).encode(Item(order: order, nested: nested))
        #expect(bytes == (try AvroBinaryEncoder(schema: schema).encode(Self.expected)))
    }

    @Test("a missing field without default fails and leaves the buffer as it was")
    func missingField() throws {
        let schema = try AvroSchema(parsing: Self.schemaJSON)
        var buffer: [UInt8] = [1, 2, 3]
        let error = #expect(throws: AvroError.self) {
            try AvroEncoder(schema: schema).encode(Item(order: [.a, .b, .c, .e, .f], nested: false), into: &buffer)
        }
        #expect(error?.description == "d: no value for field 'd' of record Item, which has no default")
        #expect(buffer == [1, 2, 3])
    }

    enum Shape: Codable, Equatable {
        case circle(radius: Double)
        case square(side: Double)

        struct Circle: Codable, Equatable { var radius: Double }
        struct Square: Codable, Equatable { var side: Double }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case let .circle(radius): try container.encode(Circle(radius: radius))
            case let .square(side): try container.encode(Square(side: side))
            }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let circle = try? container.decode(Circle.self) {
                self = .circle(radius: circle.radius)
            } else {
                self = .square(side: try container.decode(Square.self).side)
            }
        }
    }

    @Test("a union of records takes the record named like the Swift type")
    func unionOfRecords() throws {
        let schema = try AvroSchema(parsing: """
            {"type":"array","items":[
              {"type":"record","name":"Circle","fields":[{"name":"radius","type":"double"}]},
              {"type":"record","name":"Square","fields":[{"name":"side","type":"double"}]}]}
            """)
        let shapes: [Shape] = [.circle(radius: 1), .square(side: 2)]
        let bytes = try AvroEncoder(schema: schema).encode(shapes)
        #expect(try AvroBinaryDecoder(schema: schema).decode(bytes) == .array([.record(["radius": .double(1)]), .record(["side": .double(2)])]))
        #expect(try AvroDecoder(schema: schema).decode([Shape].self, from: bytes) == shapes)
    }

    @Test("optionals of every kind pick the union's branches")
    func optionals() throws {
        struct Holder: Codable, Equatable {
            var point: [String: Int]?
            var list: [Int64]?
            var when: Date?
            var name: String?
        }
        let schema = try AvroSchema(parsing: """
            {"type":"record","name":"Holder","fields":[
              {"name":"point","type":["null",{"type":"map","values":"int"}]},
              {"name":"list","type":[{"type":"array","items":"long"},"null"]},
              {"name":"when","type":["null",{"type":"long","logicalType":"timestamp-millis"}]},
              {"name":"name","type":["null","string"],"default":null}]}
            """)
        let full = Holder(point: ["x": 1], list: [1, 2], when: Date(timeIntervalSince1970: 1.5), name: "n")
        let empty = Holder(point: nil, list: nil, when: nil, name: nil)
        for holder in [full, empty] {
            let bytes = try AvroEncoder(schema: schema).encode(holder)
            #expect(try AvroDecoder(schema: schema).decode(Holder.self, from: bytes) == holder)
        }
        #expect(try AvroEncoder(schema: schema).encode(empty) == [0x00, 0x02, 0x00, 0x00])
    }

    @Test("avroValue(of:) gives the generic value")
    func avroValue() throws {
        let schema = try AvroSchema(parsing: Self.schemaJSON)
        #expect(try AvroEncoder(schema: schema).avroValue(of: Item(order: [.f, .a, .d, .e], nested: true)) == Self.expected)
    }

    /// Encodes its bytes one by one through an unkeyed container, as a hand-written type might.
    struct Blob: Codable, Equatable {
        var bytes: [UInt8]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.unkeyedContainer()
            for byte in bytes {
                try container.encode(byte)
            }
        }

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            var bytes: [UInt8] = []
            while !container.isAtEnd {
                bytes.append(try container.decode(UInt8.self))
            }
            self.bytes = bytes
        }
    }

    @Test("UInt8 elements of an unkeyed container fill bytes and fixed")
    func bytesThroughUnkeyed() throws {
        let blob = Blob(bytes: [0, 7, 255])
        let bytesSchema = AvroSchema.bytes
        let encoded = try AvroEncoder(schema: bytesSchema).encode(blob)
        #expect(encoded == [0x06, 0, 7, 255])
        #expect(try AvroDecoder(schema: bytesSchema).decode(Blob.self, from: encoded) == blob)
        let fixed = AvroSchema.fixed(.init(name: "Three", size: 3))
        #expect(try AvroEncoder(schema: fixed).encode(blob) == [0, 7, 255])
        #expect(throws: AvroError.self) { try AvroEncoder(schema: fixed).encode(Blob(bytes: [1])) }
    }

    @Test("a nil optional is written as null even when the union's default is something else")
    func nilBeatsDefault() throws {
        struct Contact: Codable, Equatable {
            var nickname: String?
        }
        let schema = try AvroSchema(parsing: #"{"type":"record","name":"Contact","fields":[{"name":"nickname","type":["string","null"],"default":"none"},{"name":"kind","type":"string","default":"person"}]}"#)
        let bytes = try AvroEncoder(schema: schema).encode(Contact(nickname: nil))
        #expect(try AvroBinaryDecoder(schema: schema).decode(bytes) == .record(["nickname": .null, "kind": .string("person")]))
        #expect(try AvroDecoder(schema: schema).decode(Contact.self, from: bytes) == Contact(nickname: nil))
    }
}

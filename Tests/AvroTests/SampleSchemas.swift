import Avro
import Foundation

/// Schemas and values shared by the round-trip, Codable and interop tests.
enum SampleSchemas {
    /// A record that uses every Avro type and every logical type once.
    static let everythingJSON = """
        {"type":"record","name":"Everything","namespace":"org.example","fields":[
          {"name":"n","type":"null"},
          {"name":"flag","type":"boolean"},
          {"name":"i","type":"int"},
          {"name":"l","type":"long"},
          {"name":"f","type":"float"},
          {"name":"d","type":"double"},
          {"name":"raw","type":"bytes"},
          {"name":"s","type":"string"},
          {"name":"suit","type":{"type":"enum","name":"Suit","symbols":["SPADES","HEARTS","DIAMONDS","CLUBS"]}},
          {"name":"hash","type":{"type":"fixed","name":"MD5","size":16}},
          {"name":"tags","type":{"type":"array","items":"string"}},
          {"name":"scores","type":{"type":"map","values":"long"}},
          {"name":"maybe","type":["null","string"]},
          {"name":"choice","type":["int","string","Suit"]},
          {"name":"inner","type":{"type":"record","name":"Inner","fields":[{"name":"x","type":"int"},{"name":"y","type":["null","Inner"]}]}},
          {"name":"day","type":{"type":"int","logicalType":"date"}},
          {"name":"tms","type":{"type":"int","logicalType":"time-millis"}},
          {"name":"tus","type":{"type":"long","logicalType":"time-micros"}},
          {"name":"tsms","type":{"type":"long","logicalType":"timestamp-millis"}},
          {"name":"tsus","type":{"type":"long","logicalType":"timestamp-micros"}},
          {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":20,"scale":4}},
          {"name":"amount","type":{"type":"fixed","name":"Amount","size":12,"logicalType":"decimal","precision":28,"scale":2}},
          {"name":"id","type":{"type":"string","logicalType":"uuid"}}
        ]}
        """

    static func everything() throws -> AvroSchema {
        try AvroSchema(parsing: everythingJSON)
    }

    static let everythingValue: AvroValue = .record([
        "n": .null,
        "flag": .boolean(true),
        "i": .int(-123_456),
        "l": .long(9_007_199_254_740_993),
        "f": .float(3.5),
        "d": .double(-0.000123),
        "raw": .bytes([0, 1, 2, 0xFF]),
        "s": .string("héllo ✓ 🌍"),
        "suit": .enumSymbol("DIAMONDS"),
        "hash": .fixed(Array(0..<16)),
        "tags": .array([.string("a"), .string("b")]),
        "scores": .map(["x": .long(1), "y": .long(-2)]),
        "maybe": .string("present"),
        "choice": .enumSymbol("CLUBS"),
        "inner": .record(["x": .int(1), "y": .record(["x": .int(2), "y": .null])]),
        "day": .date(19_000),
        "tms": .timeMillis(45_296_789),
        "tus": .timeMicros(45_296_789_012),
        "tsms": .timestampMillis(1_700_000_000_123),
        "tsus": .timestampMicros(1_700_000_000_123_456),
        "price": .decimal(AvroDecimal("-12345.6789") ?? AvroDecimal(unscaledValue: 0, scale: 4)),
        "amount": .decimal(AvroDecimal("98765432109876543210.99") ?? AvroDecimal(unscaledValue: 0, scale: 2)),
        "id": .uuid(UUID(uuidString: "123e4567-e89b-12d3-a456-426614174000") ?? UUID()),
    ])

    /// A singly linked list, the smallest recursive schema.
    static let linkedListJSON = #"{"type":"record","name":"Node","fields":[{"name":"value","type":"int"},{"name":"next","type":["null","Node"]}]}"#

    static func linkedList(length: Int) -> AvroValue {
        var value: AvroValue = .null
        for index in (0..<length).reversed() {
            value = .record(["value": .int(Int32(index)), "next": value])
        }
        return value
    }
}

import Avro
import Foundation
import Testing

@Suite("Binary encoding follows the specification")
struct BinaryEncodingTests {
    static let zigZagVectors: [(Int64, [UInt8])] = [
        (0, [0x00]), (-1, [0x01]), (1, [0x02]), (-2, [0x03]), (2, [0x04]), (-64, [0x7F]), (64, [0x80, 0x01]),
        (300, [0xD8, 0x04]), (Int64(Int32.min), [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]), (Int64(Int32.max), [0xFE, 0xFF, 0xFF, 0xFF, 0x0F]),
        (Int64.max, [0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
        (Int64.min, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
    ]

    @Test("long zig-zag varints", arguments: zigZagVectors)
    func longVarint(_ value: Int64, _ bytes: [UInt8]) throws {
        let encoder = try AvroBinaryEncoder(schema: .long)
        let decoder = try AvroBinaryDecoder(schema: .long)
        #expect(try encoder.encode(.long(value)) == bytes)
        #expect(try decoder.decode(bytes) == .long(value))
    }

    @Test("int zig-zag varints", arguments: zigZagVectors.filter { Int32(exactly: $0.0) != nil })
    func intVarint(_ value: Int64, _ bytes: [UInt8]) throws {
        let int = try #require(Int32(exactly: value))
        #expect(try AvroBinaryEncoder(schema: .int).encode(.int(int)) == bytes)
        #expect(try AvroBinaryDecoder(schema: .int).decode(bytes) == .int(int))
    }

    @Test("an int varint above 32 bits is rejected")
    func intOverflow() throws {
        let decoder = try AvroBinaryDecoder(schema: .int)
        #expect(throws: AvroError.self) { try decoder.decode([0xFE, 0xFF, 0xFF, 0xFF, 0x1F]) }
    }

    @Test("examples from the specification")
    func specificationExamples() throws {
        #expect(try AvroBinaryEncoder(schema: .string).encode(.string("foo")) == [0x06, 0x66, 0x6F, 0x6F])
        let record = try AvroSchema(parsing: #"{"type":"record","name":"test","fields":[{"name":"a","type":"long"},{"name":"b","type":"string"}]}"#)
        #expect(try AvroBinaryEncoder(schema: record).encode(.record(["a": .long(27), "b": .string("foo")])) == [0x36, 0x06, 0x66, 0x6F, 0x6F])
        let array = AvroSchema.array(.long)
        #expect(try AvroBinaryEncoder(schema: array).encode(.array([.long(3), .long(27)])) == [0x04, 0x06, 0x36, 0x00])
        let union = AvroSchema.union([.null, .string])
        #expect(try AvroBinaryEncoder(schema: union).encode(.null) == [0x00])
        #expect(try AvroBinaryEncoder(schema: union).encode(.string("a")) == [0x02, 0x02, 0x61])
    }

    @Test("floats and doubles are little-endian IEEE 754")
    func floatingPoint() throws {
        #expect(try AvroBinaryEncoder(schema: .float).encode(.float(1.5)) == [0x00, 0x00, 0xC0, 0x3F])
        #expect(try AvroBinaryEncoder(schema: .double).encode(.double(-2)) == [0, 0, 0, 0, 0, 0, 0, 0xC0])
        let nan = try AvroBinaryDecoder(schema: .double).decode(AvroBinaryEncoder(schema: .double).encode(.double(.nan)))
        guard case let .double(value) = nan else { Issue.record("expected a double"); return }
        #expect(value.isNaN)
    }

    @Test("negative block counts carry a byte size and are read")
    func negativeBlockCount() throws {
        // Two items in one block written with a negative count (-2) and a byte size (2), then the end marker.
        let decoder = try AvroBinaryDecoder(schema: .array(.int))
        #expect(try decoder.decode([0x03, 0x04, 0x02, 0x04, 0x00]) == .array([.int(1), .int(2)]))
    }

    @Test("a length larger than the input is rejected before allocating")
    func hugeLength() throws {
        // A string claiming 2^62 bytes; the decoder must not try to allocate it.
        var bytes: [UInt8] = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]
        bytes.append(contentsOf: [0x41, 0x42])
        let error = #expect(throws: AvroError.self) { try AvroBinaryDecoder(schema: .string).decode(bytes) }
        guard case .truncatedInput? = error else { Issue.record("got \(String(describing: error))"); return }
    }

    @Test("a block count larger than the input can hold is rejected before allocating")
    func hugeBlockCount() throws {
        // 2^40 longs claimed, three bytes of input.
        let bytes: [UInt8] = [0x80, 0x80, 0x80, 0x80, 0x80, 0x40, 0x02, 0x02, 0x02]
        let error = #expect(throws: AvroError.self) { try AvroBinaryDecoder(schema: .array(.long)).decode(bytes) }
        guard case .malformedInput? = error else { Issue.record("got \(String(describing: error))"); return }
        let mapError = #expect(throws: AvroError.self) { try AvroBinaryDecoder(schema: .map(.null)).decode(bytes) }
        guard case .malformedInput? = mapError else { Issue.record("got \(String(describing: mapError))"); return }
    }

    @Test("arrays of zero-byte items are bounded by the limit")
    func zeroSizeItems() throws {
        let limits = DecodingLimits(maxZeroSizeItems: 1_000)
        let decoder = try AvroBinaryDecoder(schema: .array(.null), limits: limits)
        #expect(try decoder.decode([0xD0, 0x0F, 0x00]) == .array(Array(repeating: .null, count: 1_000)))
        // Two blocks of 1,000 each: the total passes the limit.
        #expect(throws: AvroError.self) { try decoder.decode([0xD0, 0x0F, 0xD0, 0x0F, 0x00]) }
    }

    @Test("truncated input and trailing bytes are errors")
    func truncatedAndTrailing() throws {
        let decoder = try AvroBinaryDecoder(schema: .double)
        let truncated = #expect(throws: AvroError.self) { try decoder.decode([0, 0, 0]) }
        #expect(truncated == .truncatedInput(offset: 0, needed: 8, available: 3))
        let trailing = #expect(throws: AvroError.self) { try AvroBinaryDecoder(schema: .int).decode([0x02, 0x02]) }
        #expect(trailing == .trailingBytes(offset: 1, remaining: 1))
    }

    @Test("invalid UTF-8 in a string is rejected")
    func invalidUTF8() throws {
        let error = #expect(throws: AvroError.self) { try AvroBinaryDecoder(schema: .string).decode([0x04, 0xC3, 0x28]) }
        guard case .malformedInput? = error else { Issue.record("got \(String(describing: error))"); return }
    }

    @Test("several values back to back decode with an offset")
    func concatenated() throws {
        let encoder = try AvroBinaryEncoder(schema: .string)
        var buffer: [UInt8] = []
        for word in ["alpha", "beta", "gamma"] {
            try encoder.encode(.string(word), into: &buffer)
        }
        let decoder = try AvroBinaryDecoder(schema: .string)
        var words: [AvroValue] = []
        try buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                words.append(try decoder.decode(raw, offset: &offset))
            }
        }
        #expect(words == [.string("alpha"), .string("beta"), .string("gamma")])
    }
}

import Avro
import Foundation
import Testing

/// Random and mutated input must only ever produce an `AvroError`, never a trap, a hang or a huge allocation.
@Suite("Decoding hostile input fails cleanly")
struct DecoderRobustnessTests {
    /// A small deterministic generator, so that every run tries the same inputs.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
    }

    static func schemas() throws -> [AvroSchema] {
        [
            try SampleSchemas.everything(),
            try AvroSchema(parsing: SampleSchemas.linkedListJSON),
            try AvroSchema(parsing: #"{"type":"map","values":{"type":"array","items":["null","double","string"]}}"#),
        ]
    }

    @Test("random bytes are rejected or decoded, never crash")
    func randomBytes() throws {
        var generator = SplitMix64(state: 42)
        for schema in try Self.schemas() {
            let decoder = try AvroBinaryDecoder(schema: schema)
            for _ in 0..<3_000 {
                let length = Int.random(in: 0...64, using: &generator)
                let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
                do {
                    _ = try decoder.decode(bytes)
                } catch {
                    // Any AvroError is a clean rejection; the typed throw guarantees nothing else escapes.
                    #expect(!error.description.isEmpty)
                }
            }
        }
    }

    @Test("every single-byte mutation of a valid encoding is rejected or decoded, never crashes")
    func mutations() throws {
        let schema = try SampleSchemas.everything()
        let valid = try AvroBinaryEncoder(schema: schema).encode(SampleSchemas.everythingValue)
        let decoder = try AvroBinaryDecoder(schema: schema)
        let codable = try AvroDecoder(schema: schema)
        var rejected = 0
        for position in valid.indices {
            for replacement: UInt8 in [0x00, 0x01, 0x7F, 0x80, 0xFF] where valid[position] != replacement {
                var mutated = valid
                mutated[position] = replacement
                do {
                    _ = try decoder.decode(mutated)
                    _ = try codable.decode(CodableTests.Everything.self, from: mutated)
                } catch {
                    rejected += 1
                }
            }
            // Truncations too.
            #expect(throws: AvroError.self) { try decoder.decode(Array(valid[..<position])) }
        }
        #expect(rejected > 0)
    }
}

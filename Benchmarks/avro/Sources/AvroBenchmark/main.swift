import Avro
import Foundation

// Encodes and decodes the same records as fastavro_bench.py, N records per run, and prints the median
// records per second of each measurement as `name operation value` lines for run.sh to compare.

let arguments = CommandLine.arguments
guard arguments.count == 4, let count = Int(arguments[2]), let runs = Int(arguments[3]), count > 0, runs > 0 else {
    FileHandle.standardError.write(Data("usage: AvroBenchmark SCHEMA.avsc RECORDS RUNS\n".utf8))
    exit(2)
}

let schema = try AvroSchema(parsing: String(contentsOfFile: arguments[1], encoding: .utf8))
let levels = ["DEBUG", "INFO", "WARN", "ERROR"]

/// Record `index`, built the same way as `make_record` in fastavro_bench.py.
func makeEvent(_ index: Int) -> Event {
    Event(
        id: Int32(index),
        sequence: Int64(index) * 1_000_003,
        name: "user-\(index % 1000)",
        score: Double(index) * 0.5,
        active: index % 2 == 0,
        level: Event.Level(rawValue: levels[index % 4]) ?? .debug,
        tags: ["alpha", "beta", "t\(index % 10)"],
        attributes: ["region": "eu-west-1", "source": "bench"],
        note: index % 3 == 0 ? nil : "note \(index)",
        createdAt: 1_700_000_000_000 + Int64(index)
    )
}

func makeValue(_ event: Event) -> AvroValue {
    .record([
        "id": .int(event.id),
        "sequence": .long(event.sequence),
        "name": .string(event.name),
        "score": .double(event.score),
        "active": .boolean(event.active),
        "level": .enumSymbol(event.level.rawValue),
        "tags": .array(event.tags.map(AvroValue.string)),
        "attributes": .map(event.attributes.mapValues(AvroValue.string)),
        "note": event.note.map(AvroValue.string) ?? .null,
        "createdAt": .timestampMillis(event.createdAt),
    ])
}

let events = (0..<count).map(makeEvent)
let values = events.map(makeValue)

func median(_ samples: [Double]) -> Double {
    let sorted = samples.sorted()
    return sorted[sorted.count / 2]
}

func measure(_ body: () throws -> Void) rethrows -> Double {
    let clock = ContinuousClock()
    let elapsed = try clock.measure(body)
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return Double(count) / seconds
}

let encoder = try AvroBinaryEncoder(schema: schema)
let decoder = try AvroBinaryDecoder(schema: schema)
let codableEncoder = try AvroEncoder(schema: schema)
let codableDecoder = try AvroDecoder(schema: schema)

// Both encoders must produce the same records (map entries may come in any order, so compare decoded values).
for index in [0, 1, 2, count - 1] {
    let fromCodable = try decoder.decode(codableEncoder.encode(events[index]))
    let fromGeneric = try decoder.decode(encoder.encode(values[index]))
    precondition(fromCodable == fromGeneric && fromGeneric == values[index], "the encoders disagree on record \(index)")
    let decoded = try codableDecoder.decode(Event.self, from: encoder.encode(values[index]))
    precondition(decoded == events[index], "the decoders disagree on record \(index)")
}

var buffer: [UInt8] = []
buffer.reserveCapacity(count * 128)
var checksum = 0
var genericEncode: [Double] = []
var genericDecode: [Double] = []
var codableEncode: [Double] = []
var codableDecode: [Double] = []

for _ in 0..<runs {
    buffer.removeAll(keepingCapacity: true)
    genericEncode.append(try measure {
        for value in values {
            try encoder.encode(value, into: &buffer)
        }
    })
    let encoded = buffer
    genericDecode.append(try measure {
        try encoded.withUnsafeBytes { raw in
            var offset = 0
            for _ in 0..<count {
                if case let .record(record) = try decoder.decode(raw, offset: &offset) {
                    checksum &+= record.fields.count
                }
            }
        }
    })

    buffer.removeAll(keepingCapacity: true)
    codableEncode.append(try measure {
        for event in events {
            try codableEncoder.encode(event, into: &buffer)
        }
    })
    codableDecode.append(try measure {
        try encoded.withUnsafeBytes { raw in
            var offset = 0
            for _ in 0..<count {
                let event = try codableDecoder.decode(Event.self, from: raw, offset: &offset)
                checksum &+= Int(event.id)
            }
        }
    })
}

print("swift-generic encode \(median(genericEncode))")
print("swift-generic decode \(median(genericDecode))")
print("swift-codable encode \(median(codableEncode))")
print("swift-codable decode \(median(codableDecode))")
print("bytes-per-record \(Double(buffer.count) / Double(count))")
print("checksum \(checksum)")

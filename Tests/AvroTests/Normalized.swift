import Avro
import Foundation

/// The value form the interop tests compare, shared with Fixtures/interop.py: bytes and fixed as `{"$bytes": hex}`,
/// decimals as `{"$decimal": text}`, dates as `{"$date": days}`, times of day as `{"$time": µs}`, timestamps as
/// `{"$timestamp": µs}`, enums and uuids as strings, records and maps as objects. Numbers compare by value.
indirect enum Normalized: Codable, Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([Normalized])
    case object([String: Normalized])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Int64.self) {
            self = .int(number)
        } else if let number = try? container.decode(Double.self) {
            self = .double(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let items = try? container.decode([Normalized].self) {
            self = .array(items)
        } else {
            self = .object(try container.decode([String: Normalized].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case let .bool(flag): try container.encode(flag)
        case let .int(number): try container.encode(number)
        case let .double(number): try container.encode(number)
        case let .string(text): try container.encode(text)
        case let .array(items): try container.encode(items)
        case let .object(members): try container.encode(members)
        }
    }

    static func == (lhs: Normalized, rhs: Normalized) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.double(a), .double(b)): return a == b
        case let (.int(a), .double(b)), let (.double(b), .int(a)): return Double(a) == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)): return a == b
        default: return false
        }
    }

    var description: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "?"
    }

    init(_ value: AvroValue) {
        switch value {
        case .null: self = .null
        case let .boolean(flag): self = .bool(flag)
        case let .int(number): self = .int(Int64(number))
        case let .long(number): self = .int(number)
        case let .float(number): self = .double(Double(number))
        case let .double(number): self = .double(number)
        case let .bytes(bytes), let .fixed(bytes): self = .object(["$bytes": .string(bytes.map { String(format: "%02x", $0) }.joined())])
        case let .string(text), let .enumSymbol(text): self = .string(text)
        case let .array(items): self = .array(items.map(Normalized.init))
        case let .map(entries): self = .object(entries.mapValues(Normalized.init))
        case let .record(record): self = .object(Dictionary(uniqueKeysWithValues: record.fields.map { ($0.name, Normalized($0.value)) }))
        case let .date(days): self = .object(["$date": .int(Int64(days))])
        case let .timeMillis(millis): self = .object(["$time": .int(Int64(millis) * 1_000)])
        case let .timeMicros(micros): self = .object(["$time": .int(micros)])
        case let .timestampMillis(millis): self = .object(["$timestamp": .int(millis * 1_000)])
        case let .timestampMicros(micros): self = .object(["$timestamp": .int(micros)])
        // Python's avro has no local timestamps and reads them as plain longs.
        case let .localTimestampMillis(number), let .localTimestampMicros(number): self = .int(number)
        case let .decimal(decimal): self = .object(["$decimal": .string(decimal.description)])
        case let .uuid(uuid): self = .string(uuid.uuidString.lowercased())
        }
    }
}

extension Array where Element == UInt8 {
    init?(hex: String) {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            guard let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex), let byte = UInt8(hex[index..<next], radix: 16) else {
                return nil
            }
            bytes.append(byte)
            index = next
        }
        self = bytes
    }

    var hex: String { map { String(format: "%02x", $0) }.joined() }
}

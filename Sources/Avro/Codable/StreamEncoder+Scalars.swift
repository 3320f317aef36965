import Foundation

/// A Swift scalar on its way into an Avro value.
enum Scalar {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case float(Float)
    case double(Double)
    case string(String)

    /// The most common scalar types, taken directly rather than through a single-value container; `nil` for any
    /// other type. Each check compares metatypes first, so a bit cast only runs when `T` is that very type.
    @inline(__always)
    init?<T>(_ value: T) {
        if T.self == String.self {
            self = .string(unsafeBitCast(value, to: String.self))
        } else if T.self == Int.self {
            self = .int(Int64(unsafeBitCast(value, to: Int.self)))
        } else if T.self == Int64.self {
            self = .int(unsafeBitCast(value, to: Int64.self))
        } else if T.self == Int32.self {
            self = .int(Int64(unsafeBitCast(value, to: Int32.self)))
        } else if T.self == Double.self {
            self = .double(unsafeBitCast(value, to: Double.self))
        } else if T.self == Bool.self {
            self = .bool(unsafeBitCast(value, to: Bool.self))
        } else if T.self == Float.self {
            self = .float(unsafeBitCast(value, to: Float.self))
        } else {
            return nil
        }
    }

    /// Whether `T` is a Foundation type with its own Avro logical type (or bytes).
    static func isFoundationSpecial<T>(_ type: T.Type) -> Bool {
        type == Date.self || type == UUID.self || type == Foundation.Decimal.self || type == AvroDecimal.self
            || type == Data.self || type == byteArray
    }

    /// `[UInt8].self`, looked up once: a generic type's metadata costs a runtime lookup each time it is named.
    static let byteArray: Any.Type = [UInt8].self

    var summary: String {
        switch self {
        case .null: return "nil"
        case let .bool(flag): return "Bool \(flag)"
        case let .int(number): return "integer \(number)"
        case let .uint(number): return "integer \(number)"
        case let .float(number): return "Float \(number)"
        case let .double(number): return "Double \(number)"
        case let .string(text): return "String \"\(text)\""
        }
    }
}

extension Program {
    /// Whether `node` is the scalar's own family (an integer into `int` or `long`), preferred in a union.
    func isNatural(_ scalar: Scalar, for index: Int32) -> Bool {
        switch (scalar, nodes[Int(index)].op) {
        case (.null, .null), (.bool, .boolean): return true
        case (.int, .int), (.int, .long), (.uint, .int), (.uint, .long): return true
        case (.float, .float), (.float, .double), (.double, .double), (.double, .float): return true
        case (.string, .string), (.string, .enumeration): return true
        default: return false
        }
    }

    /// The value a scalar takes in the (non-union) node at `index`, or `nil` when it does not fit.
    func value(of scalar: Scalar, for index: Int32) -> AvroValue? {
        let node = nodes[Int(index)]
        switch (scalar, node.op) {
        case (.null, .null): return .null
        case let (.bool(flag), .boolean): return .boolean(flag)
        case let (.uint(number), _):
            guard let signed = Int64(exactly: number) else { return nil }
            return value(of: .int(signed), for: index)
        case let (.int(number), .int): return Int32(exactly: number).map(AvroValue.int)
        case let (.int(number), .long): return .long(number)
        case let (.int(number), .float): return .float(Float(number))
        case let (.int(number), .double): return .double(Double(number))
        case let (.float(number), .float): return .float(number)
        case let (.float(number), .double): return .double(Double(number))
        case let (.double(number), .double): return .double(number)
        case let (.double(number), .float): return .float(Float(number))
        case let (.string(text), .string): return .string(text)
        case let (.string(text), .enumeration):
            let start = Int(node.a)
            return symbols[start..<(start + Int(node.d))].contains(text) ? .enumSymbol(text) : nil
        case let (.string(text), .bytes) where node.tag == .decimal:
            return AvroDecimal(text).map(AvroValue.decimal)
        default: return nil
        }
    }

    /// The value a Foundation type takes in the (non-union) node at `index`, or `nil` when it does not fit.
    func value(ofFoundation value: Any, for index: Int32) -> AvroValue? {
        let node = nodes[Int(index)]
        switch value {
        case let date as Date:
            let seconds = date.timeIntervalSince1970
            switch node.tag {
            case .timestampMillis: return .timestampMillis(Int64((seconds * 1_000).rounded()))
            case .timestampMicros: return .timestampMicros(Int64((seconds * 1_000_000).rounded()))
            case .localTimestampMillis: return .localTimestampMillis(Int64((seconds * 1_000).rounded()))
            case .localTimestampMicros: return .localTimestampMicros(Int64((seconds * 1_000_000).rounded()))
            case .date: return .date(Int32(clamping: Int64((seconds / 86_400).rounded(.down))))
            default: return nil
            }
        case let uuid as UUID:
            switch (node.op, node.tag) {
            case (.string, .uuid): return .uuid(uuid)
            case (.string, _): return .string(uuid.uuidString.lowercased())
            case (.fixed, .fixed) where node.a == 16: return .fixed(withUnsafeBytes(of: uuid.uuid) { Array($0) })
            default: return nil
            }
        case let decimal as Foundation.Decimal:
            switch (node.op, node.tag) {
            case (.bytes, .decimal), (.fixed, .decimal):
                return AvroDecimal(decimal, scale: Int(node.b)).map(AvroValue.decimal)
            case (.double, _): return .double(NSDecimalNumber(decimal: decimal).doubleValue)
            case (.string, .string): return .string(decimal.description)
            default: return nil
            }
        case let decimal as AvroDecimal:
            return node.tag == .decimal ? .decimal(decimal) : nil
        case let data as Data:
            return bytesValue([UInt8](data), node: node)
        case let bytes as [UInt8]:
            return bytesValue(bytes, node: node)
        default:
            return nil
        }
    }

    private func bytesValue(_ bytes: [UInt8], node: Node) -> AvroValue? {
        switch (node.op, node.tag) {
        case (.bytes, .bytes): return .bytes(bytes)
        case (.fixed, .fixed) where Int(node.a) == bytes.count: return .fixed(bytes)
        default: return nil
        }
    }
}

extension StreamEncoder {
    /// Writes a scalar at `target`, choosing the union branch of the scalar's own family first.
    func encodeScalar(_ scalar: Scalar, node target: Int32, path: @autoclosure () -> [any CodingKey]) throws(AvroError) {
        let program = output.program
        let node = program.nodes[Int(target)]
        if node.op == .union {
            for pass in 0..<2 {
                for branch in 0..<Int(node.b) {
                    let candidate = program.branches[Int(node.a) + branch]
                    guard program.isNatural(scalar, for: candidate) == (pass == 0), let value = program.value(of: scalar, for: candidate) else {
                        continue
                    }
                    output.writer.writeLong(Int64(branch))
                    try write(value, node: candidate, path: path())
                    return
                }
            }
        } else if let value = program.value(of: scalar, for: target) {
            try write(value, node: target, path: path())
            return
        }
        throw AvroError.codable(
            codingPath: AvroCodingKey.describe(path()),
            message: "cannot encode \(scalar.summary) as \(program.describe(target))"
        )
    }

    /// Writes a Foundation value (Date, UUID, Decimal, AvroDecimal, Data, [UInt8]) at `target`.
    func encodeFoundation<T>(_ value: T, node target: Int32, path: @autoclosure () -> [any CodingKey]) throws(AvroError) {
        let program = output.program
        let node = program.nodes[Int(target)]
        if node.op == .union {
            for branch in 0..<Int(node.b) {
                let candidate = program.branches[Int(node.a) + branch]
                if let converted = program.value(ofFoundation: value, for: candidate) {
                    output.writer.writeLong(Int64(branch))
                    try write(converted, node: candidate, path: path())
                    return
                }
            }
        } else if let converted = program.value(ofFoundation: value, for: target) {
            try write(converted, node: target, path: path())
            return
        }
        throw AvroError.codable(
            codingPath: AvroCodingKey.describe(path()),
            message: "cannot encode a \(T.self) as \(program.describe(target))"
        )
    }

    /// Writes an Avro value with the binary encoder, reporting a mismatch at the Swift coding path.
    func write(_ value: AvroValue, node target: Int32, path: @autoclosure () -> [any CodingKey]) throws(AvroError) {
        do {
            try output.program.encode(value, node: target, into: &output.writer, depth: 0, maxDepth: output.maxDepth)
        } catch {
            throw codableError(error, at: path())
        }
    }
}

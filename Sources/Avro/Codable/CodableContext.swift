import Foundation

/// What the Codable encoder and decoder share: the schema's named types, and the conversions between Swift
/// scalars and Avro values that both directions need.
struct CodableContext: Sendable {
    let table: SchemaTable

    /// The schema with a reference replaced by its definition.
    func resolve(_ schema: AvroSchema) -> AvroSchema {
        table.resolve(schema) ?? schema
    }

    /// The union's branches, or the schema alone, each resolved.
    func alternatives(_ schema: AvroSchema) -> [AvroSchema] {
        if case let .union(branches) = resolve(schema) {
            return branches.map(resolve)
        }
        return [resolve(schema)]
    }

    /// The record or map a keyed container writes into; among several records, the one whose simple name is the
    /// Swift type's name wins.
    func keyedTarget(_ schema: AvroSchema, type: Any.Type?) -> AvroSchema? {
        let resolved = resolve(schema)
        switch resolved {
        case .record, .map: return resolved
        case .union: break
        default: return nil
        }
        let candidates = alternatives(schema).filter {
            switch $0 {
            case .record, .map: return true
            default: return false
            }
        }
        if candidates.count > 1, let type {
            let typeName = String(describing: type)
            if let named = candidates.first(where: { $0.fullName.map(AvroName.simpleName(of:)) == typeName }) {
                return named
            }
        }
        return candidates.first
    }

    /// The array, bytes or fixed an unkeyed container writes into.
    func unkeyedTarget(_ schema: AvroSchema) -> AvroSchema? {
        let resolved = resolve(schema)
        switch resolved {
        case .array, .bytes, .fixed: return resolved
        default: break
        }
        return alternatives(schema).first {
            switch $0 {
            case .array, .bytes, .fixed: return true
            default: return false
            }
        }
    }

    /// A Swift scalar on its way into an Avro value.
    enum Scalar {
        case null
        case bool(Bool)
        case int(Int64)
        case uint(UInt64)
        case float(Float)
        case double(Double)
        case string(String)

        var typeName: String {
            switch self {
            case .null: return "nil"
            case .bool: return "Bool"
            case .int, .uint: return "an integer"
            case .float: return "Float"
            case .double: return "Double"
            case .string: return "String"
            }
        }

        /// Whether `schema` is this scalar's own family (an integer into `int` or `long`), preferred in a union.
        func isNatural(for schema: AvroSchema) -> Bool {
            switch (self, schema) {
            case (.null, .null), (.bool, .boolean): return true
            case (.int, .int), (.int, .long), (.uint, .int), (.uint, .long): return true
            case (.float, .float), (.float, .double), (.double, .double), (.double, .float): return true
            case (.string, .string), (.string, .enumeration), (.string, .logical(.uuid)): return true
            default: return false
            }
        }
    }

    /// Converts a scalar for `schema`, choosing the union branch of the scalar's own family first. The coding
    /// path is only built when the conversion fails.
    func box(_ scalar: Scalar, schema: AvroSchema, path: @autoclosure () -> [any CodingKey]) throws(AvroError) -> AvroValue {
        let resolved = resolve(schema)
        if case let .union(branches) = resolved {
            for pass in 0..<2 {
                for branch in branches {
                    let candidate = resolve(branch)
                    if scalar.isNatural(for: candidate) == (pass == 0), let value = convert(scalar, to: candidate) {
                        return value
                    }
                }
            }
        } else if let value = convert(scalar, to: resolved) {
            return value
        }
        let expected = alternatives(schema).map(\.summary).joined(separator: " or ")
        throw AvroError.codable(
            codingPath: AvroCodingKey.describe(path()),
            message: "cannot encode \(describe(scalar)) as \(expected)"
        )
    }

    private func describe(_ scalar: Scalar) -> String {
        switch scalar {
        case .null: return "nil"
        case let .bool(flag): return "Bool \(flag)"
        case let .int(number): return "integer \(number)"
        case let .uint(number): return "integer \(number)"
        case let .float(number): return "Float \(number)"
        case let .double(number): return "Double \(number)"
        case let .string(text): return "String \"\(text)\""
        }
    }

    private func convert(_ scalar: Scalar, to schema: AvroSchema) -> AvroValue? {
        switch scalar {
        case .null:
            return schema == .null ? .null : nil
        case let .bool(flag):
            return schema == .boolean ? .boolean(flag) : nil
        case let .uint(number):
            guard let signed = Int64(exactly: number) else { return nil }
            return convert(.int(signed), to: schema)
        case let .int(number):
            switch schema {
            case .int: return Int32(exactly: number).map(AvroValue.int)
            case .long: return .long(number)
            case .float: return .float(Float(number))
            case .double: return .double(Double(number))
            case .logical(.date): return Int32(exactly: number).map(AvroValue.date)
            case .logical(.timeMillis): return Int32(exactly: number).map(AvroValue.timeMillis)
            case .logical(.timeMicros): return .timeMicros(number)
            case .logical(.timestampMillis): return .timestampMillis(number)
            case .logical(.timestampMicros): return .timestampMicros(number)
            case .logical(.localTimestampMillis): return .localTimestampMillis(number)
            case .logical(.localTimestampMicros): return .localTimestampMicros(number)
            default: return nil
            }
        case let .float(number):
            switch schema {
            case .float: return .float(number)
            case .double: return .double(Double(number))
            default: return nil
            }
        case let .double(number):
            switch schema {
            case .double: return .double(number)
            case .float: return .float(Float(number))
            default: return nil
            }
        case let .string(text):
            switch schema {
            case .string: return .string(text)
            case let .enumeration(enumeration): return enumeration.symbols.contains(text) ? .enumSymbol(text) : nil
            case .logical(.uuid): return UUID(uuidString: text).map(AvroValue.uuid)
            case let .logical(.decimal(decimal)): return AvroDecimal(text)?.rescaled(to: decimal.scale).map(AvroValue.decimal)
            default: return nil
            }
        }
    }

    /// Converts the Foundation types that Avro has logical types for; `nil` when `value` is none of them.
    func boxFoundation(_ value: Any, schema: AvroSchema, path: @autoclosure () -> [any CodingKey]) throws(AvroError) -> AvroValue? {
        let candidates = alternatives(schema)
        func fail(_ what: String) -> AvroError {
            AvroError.codable(
                codingPath: AvroCodingKey.describe(path()),
                message: "cannot encode \(what) as \(candidates.map(\.summary).joined(separator: " or "))"
            )
        }
        switch value {
        case let date as Date:
            let seconds = date.timeIntervalSince1970
            for candidate in candidates {
                switch candidate {
                case .logical(.timestampMillis): return .timestampMillis(Int64((seconds * 1_000).rounded()))
                case .logical(.timestampMicros): return .timestampMicros(Int64((seconds * 1_000_000).rounded()))
                case .logical(.localTimestampMillis): return .localTimestampMillis(Int64((seconds * 1_000).rounded()))
                case .logical(.localTimestampMicros): return .localTimestampMicros(Int64((seconds * 1_000_000).rounded()))
                case .logical(.date): return .date(Int32(clamping: Int64((seconds / 86_400).rounded(.down))))
                default: continue
                }
            }
            throw fail("a Date")
        case let uuid as UUID:
            for candidate in candidates {
                switch candidate {
                case .logical(.uuid): return .uuid(uuid)
                case .string: return .string(uuid.uuidString.lowercased())
                case let .fixed(fixed) where fixed.size == 16:
                    return .fixed(withUnsafeBytes(of: uuid.uuid) { Array($0) })
                default: continue
                }
            }
            throw fail("a UUID")
        case let decimal as Foundation.Decimal:
            for candidate in candidates {
                let scale: Int
                switch candidate {
                case let .logical(.decimal(attributes)): scale = attributes.scale
                case let .fixed(fixed) where fixed.decimal != nil: scale = fixed.decimal?.scale ?? 0
                case .double: return .double(NSDecimalNumber(decimal: decimal).doubleValue)
                case .string: return .string(decimal.description)
                default: continue
                }
                guard let converted = AvroDecimal(decimal, scale: scale) else { throw fail("the Decimal \(decimal)") }
                return .decimal(converted)
            }
            throw fail("a Decimal")
        case let decimal as AvroDecimal:
            guard candidates.contains(where: {
                if case .logical(.decimal) = $0 { return true }
                if case let .fixed(fixed) = $0 { return fixed.decimal != nil }
                return false
            }) else { throw fail("an AvroDecimal") }
            return .decimal(decimal)
        case let data as Data:
            return try boxBytes([UInt8](data), candidates: candidates, fail: fail)
        case let bytes as [UInt8]:
            return try boxBytes(bytes, candidates: candidates, fail: fail)
        default:
            return nil
        }
    }

    private func boxBytes(_ bytes: [UInt8], candidates: [AvroSchema], fail: (String) -> AvroError) throws(AvroError) -> AvroValue {
        for candidate in candidates {
            switch candidate {
            case .bytes: return .bytes(bytes)
            case let .fixed(fixed) where fixed.size == bytes.count && fixed.decimal == nil: return .fixed(bytes)
            default: continue
            }
        }
        throw fail("\(bytes.count) bytes")
    }
}

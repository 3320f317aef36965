import Avro
import Foundation
import KafkaSkillModel

/// The Swift `Codable` structs a scaffolded service reads and writes an Avro record schema with: one struct per
/// record (the value's record first, then the records nested in it, in the order the schema defines them).
///
/// Avro types map to the Swift types KafkaSkill's `AvroEncoder` and `AvroDecoder` take: `int` → `Int32`,
/// `long` → `Int64`, `float`, `double`, `boolean`, `string`, `bytes` and `fixed` → `[UInt8]`, an enum → a Swift
/// enum whose raw values are the symbols, arrays and maps, a union of `null` and one type → an optional, a nested record → a nested struct,
/// logical types → their underlying type (`uuid` → `String`, `decimal` → `Decimal`).
///
/// Synthetic input puts the sequence number into the record's first field, so it must be an `int`, `long` or
/// `string`; that field, as text, is also the value the service's events report.
struct AvroRecordType: Sendable, Hashable {
    /// One generated struct.
    struct Record: Sendable, Hashable {
        /// The record's full name in the schema.
        var fullName: String
        /// The Swift struct's name.
        var swiftName: String
        /// The schema's `doc`, on one line.
        var doc: String?
        /// The fields, in schema order.
        var fields: [Field]
        /// Whether a field's Swift name differs from its Avro name, so the struct needs `CodingKeys`.
        var needsCodingKeys: Bool { fields.contains { $0.swiftName != $0.name } }
    }

    /// One stored property.
    struct Field: Sendable, Hashable {
        /// The Avro field name.
        var name: String
        /// The Swift property name (camelCase, back-quoted when it is a keyword).
        var swiftName: String
        /// The property's Swift type.
        var swiftType: String
        /// The schema's `doc`, on one line.
        var doc: String?
        /// The schema default as a Swift literal, when it has one that Swift can spell.
        var defaultLiteral: String?
        /// A Swift expression for this field's value in the sample record of `sequence` (an `Int` in scope).
        var sampleExpression: String
    }

    /// One generated enum.
    struct Enumeration: Sendable, Hashable {
        /// The enum's full name in the schema.
        var fullName: String
        /// The Swift enum's name.
        var swiftName: String
        /// The schema's `doc`, on one line.
        var doc: String?
        /// The cases, in symbol order.
        var cases: [Case]

        /// A Swift case and the Avro symbol it stands for.
        struct Case: Sendable, Hashable {
            var swiftName: String
            var symbol: String
        }
    }

    /// A problem with the schema, and where it is (a JSON path such as `/fields/0/type`).
    struct Problem: Error, Sendable, Hashable {
        var path: String
        var message: String

        init(path: String, message: String) {
            self.path = path
            self.message = message
        }

        /// The Avro module's verdict, with the line and column in the schema's text where it has one.
        init(avro error: AvroError, in text: String) {
            switch error {
            case .invalidSchema(let path, let message):
                let position = AvroSchema.location(of: path, in: text).map { " (line \($0.line), column \($0.column) of the schema)" } ?? ""
                self.init(path: path.isEmpty ? "/" : path, message: message + position)
            case .invalidJSON(let message, let line, let column):
                self.init(path: "/", message: "the schema does not parse as JSON at line \(line), column \(column): \(message)")
            default:
                self.init(path: "/", message: error.description)
            }
        }
    }

    /// The structs; the first is the value's record.
    var records: [Record]
    /// The enums, in the order the schema defines them.
    var enumerations: [Enumeration]
    /// The record's first field, which carries the sequence number and the event value.
    var identityField: Field
    /// Whether the first field is text (`string`) rather than a number.
    var identityIsText: Bool
    /// Whether a generated type needs Foundation (`Decimal`, or `String(format:)` for a `uuid` sample).
    var needsFoundation: Bool

    /// The Swift name of the value's struct.
    var swiftName: String { records[0].swiftName }

    /// Reads the record types from an Avro schema's JSON text.
    /// - Throws: ``Problem`` for a schema that is not a record, a first field that is not `int`, `long` or `string`,
    ///   or a type the generated struct cannot hold.
    static func make(schemaText: String) throws(Problem) -> AvroRecordType {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(schemaText.utf8))
        } catch {
            throw Problem(path: "/", message: "the schema does not parse as JSON (\(error.localizedDescription))")
        }
        guard let object = json as? [String: Any], object["type"] as? String == "record" else {
            throw Problem(path: "/type", message: "the value schema must be a record: Avro services build and identify values by its fields")
        }
        var builder = Builder()
        let rootName = try builder.record(object, namespace: nil, path: "")
        guard let root = builder.records.first(where: { $0.swiftName == rootName }), let first = root.fields.first else {
            throw Problem(path: "/fields", message: "the record needs at least one field: the first one carries the sequence number")
        }
        let firstType = (object["fields"] as? [[String: Any]])?.first?["type"]
        let identityIsText: Bool
        switch firstType as? String {
        case "int", "long": identityIsText = false
        case "string": identityIsText = true
        default:
            throw Problem(
                path: "/fields/0/type",
                message: "the first field ('\(first.name)') must be an int, long or string: synthetic input puts the sequence number there and events report it as the value; move such a field first")
        }
        let identity = Field(
            name: first.name, swiftName: first.swiftName, swiftType: first.swiftType, doc: first.doc, defaultLiteral: nil,
            sampleExpression: identityIsText ? "String(sequence)" : (first.swiftType == "Int32" ? "Int32(truncatingIfNeeded: sequence)" : "Int64(sequence)"))
        // The walk above maps types; the Avro module's parser is the one that says whether the schema is valid
        // Avro at all: names (a field `a-b` is no Avro name, and no Swift one), defaults that fit their type, logical types.
        do {
            _ = try AvroSchema(parsing: schemaText)
        } catch {
            throw Problem(avro: error, in: schemaText)
        }
        var records = builder.records
        records[0].fields[0] = identity
        return AvroRecordType(
            records: records, enumerations: builder.enumerations, identityField: identity, identityIsText: identityIsText,
            needsFoundation: builder.needsFoundation)
    }

    /// Walks the schema, collecting records and mapping types.
    private struct Builder {
        var records: [Record] = []
        var enumerations: [Enumeration] = []
        /// Named types by full name: the Swift type, the sample expression, and an enum's case names by symbol.
        var named: [String: (swiftType: String, sample: String, cases: [String: String]?)] = [:]
        /// Records whose fields are being read, to refuse recursion.
        var open: Set<String> = []
        var needsFoundation = false

        mutating func record(_ object: [String: Any], namespace: String?, path: String) throws(Problem) -> String {
            guard let name = object["name"] as? String, !name.isEmpty else {
                throw Problem(path: path + "/name", message: "a record needs a name")
            }
            let fullName = Self.fullName(name, namespace: object["namespace"] as? String ?? namespace)
            let space = fullName.contains(".") ? String(fullName[..<(fullName.lastIndex(of: ".") ?? fullName.endIndex)]) : nil
            let swiftName = try newTypeName(fullName, path: path)
            named[fullName] = (swiftName, "\(swiftName).sample(sequence)", nil)
            open.insert(fullName)
            let index = records.count
            records.append(Record(fullName: fullName, swiftName: swiftName, doc: Self.oneLine(object["doc"]), fields: []))
            guard let fields = object["fields"] as? [[String: Any]] else {
                throw Problem(path: path + "/fields", message: "a record needs a list of fields")
            }
            var built: [Field] = []
            var properties: [String: String] = [:]
            for (position, field) in fields.enumerated() {
                let fieldPath = "\(path)/fields/\(position)"
                guard let fieldName = field["name"] as? String, !fieldName.isEmpty else {
                    throw Problem(path: fieldPath + "/name", message: "a field needs a name")
                }
                guard let type = field["type"] else { throw Problem(path: fieldPath + "/type", message: "field '\(fieldName)' needs a type") }
                let swiftName = Self.propertyName(fieldName)
                guard Self.isSwiftIdentifier(swiftName) else {
                    throw Problem(path: fieldPath + "/name", message: "field '\(fieldName)' cannot be a Swift property name; use letters, digits and underscores, starting with a letter")
                }
                if let other = properties[swiftName] {
                    throw Problem(path: fieldPath + "/name", message: "fields '\(other)' and '\(fieldName)' would both become the Swift property \(swiftName); rename one")
                }
                properties[swiftName] = fieldName
                let mapped = try self.type(type, namespace: space, path: fieldPath + "/type")
                let defaultLiteral = field.keys.contains("default") ? mapped.literal(field["default"] as Any) : nil
                built.append(Field(
                    name: fieldName, swiftName: swiftName, swiftType: mapped.swiftType,
                    doc: Self.oneLine(field["doc"]), defaultLiteral: defaultLiteral,
                    sampleExpression: defaultLiteral ?? mapped.sample(fieldName)))
            }
            records[index].fields = built
            open.remove(fullName)
            return swiftName
        }

        /// A Swift type, how to spell a default of it, and a sample value.
        struct Mapped {
            var swiftType: String
            var literal: (Any) -> String?
            var sample: (String) -> String
        }

        mutating func type(_ json: Any, namespace: String?, path: String) throws(Problem) -> Mapped {
            if let name = json as? String {
                return try primitiveOrReference(name, namespace: namespace, path: path)
            }
            if let branches = json as? [Any] {
                let nonNull = branches.enumerated().filter { ($0.element as? String) != "null" }
                guard branches.count == 2, nonNull.count == 1, let branch = nonNull.first else {
                    throw Problem(path: path, message: "only a union of null and one other type (an optional) maps to a Swift property; split the other branches into fields of their own")
                }
                let inner = try type(branch.element, namespace: namespace, path: "\(path)/\(branch.offset)")
                let nullFirst = branch.offset == 1
                return Mapped(
                    swiftType: inner.swiftType + "?",
                    literal: { value in
                        if value is NSNull { return "nil" }
                        return nullFirst ? nil : inner.literal(value)
                    },
                    sample: { _ in "nil" })
            }
            guard let object = json as? [String: Any], let typeName = object["type"] else {
                throw Problem(path: path, message: "expected a type name, a union (a list) or a type object")
            }
            if let logical = object["logicalType"] as? String, let base = typeName as? String {
                switch logical {
                case "uuid" where base == "string":
                    needsFoundation = true
                    return Mapped(swiftType: "String", literal: Self.string, sample: { _ in "String(format: \"00000000-0000-4000-8000-%012x\", sequence)" })
                case "decimal" where base == "bytes" || base == "fixed":
                    needsFoundation = true
                    if base == "fixed" { _ = try named(object, namespace: namespace, path: path) }
                    return Mapped(swiftType: "Decimal", literal: { _ in nil }, sample: { _ in "Decimal(sequence)" })
                default:
                    break
                }
            }
            switch typeName as? String {
            case "record":
                let swiftName = try record(object, namespace: namespace, path: path)
                return Mapped(swiftType: swiftName, literal: { _ in nil }, sample: { _ in "\(swiftName).sample(sequence)" })
            case "enum", "fixed":
                return try named(object, namespace: namespace, path: path)
            case "array":
                guard let items = object["items"] else { throw Problem(path: path + "/items", message: "an array needs items") }
                let inner = try type(items, namespace: namespace, path: path + "/items")
                return Mapped(
                    swiftType: "[\(inner.swiftType)]", literal: { ($0 as? [Any])?.isEmpty == true ? "[]" : nil }, sample: { _ in "[]" })
            case "map":
                guard let values = object["values"] else { throw Problem(path: path + "/values", message: "a map needs values") }
                let inner = try type(values, namespace: namespace, path: path + "/values")
                return Mapped(
                    swiftType: "[String: \(inner.swiftType)]", literal: { ($0 as? [String: Any])?.isEmpty == true ? "[:]" : nil },
                    sample: { _ in "[:]" })
            case .some(let name):
                return try primitiveOrReference(name, namespace: namespace, path: path + "/type")
            case nil:
                return try type(typeName, namespace: namespace, path: path + "/type")
            }
        }

        private mutating func named(_ object: [String: Any], namespace: String?, path: String) throws(Problem) -> Mapped {
            guard let name = object["name"] as? String else { throw Problem(path: path + "/name", message: "a named type needs a name") }
            let fullName = Self.fullName(name, namespace: object["namespace"] as? String ?? namespace)
            if object["type"] as? String == "enum" {
                guard let symbols = object["symbols"] as? [String], !symbols.isEmpty else {
                    throw Problem(path: path + "/symbols", message: "an enum needs at least one symbol")
                }
                let swiftName = try newTypeName(fullName, path: path)
                var cases: [String: String] = [:]
                for symbol in symbols {
                    let caseName = Self.caseName(symbol)
                    if cases.values.contains(caseName) {
                        throw Problem(path: path + "/symbols", message: "two symbols would both become the Swift case \(caseName); rename one")
                    }
                    cases[symbol] = caseName
                }
                enumerations.append(Enumeration(
                    fullName: fullName, swiftName: swiftName, doc: Self.oneLine(object["doc"]),
                    cases: symbols.map { Enumeration.Case(swiftName: cases[$0] ?? $0, symbol: $0) }))
                let sample = "." + (cases[symbols[0]] ?? symbols[0])
                named[fullName] = (swiftName, sample, cases)
                return Self.enumeration(swiftName, cases: cases, sample: sample)
            }
            guard let size = object["size"] as? Int, size >= 0 else {
                throw Problem(path: path + "/size", message: "a fixed type needs a size")
            }
            let sample = "[UInt8](repeating: UInt8(truncatingIfNeeded: sequence), count: \(size))"
            named[fullName] = ("[UInt8]", sample, nil)
            return Mapped(swiftType: "[UInt8]", literal: { _ in nil }, sample: { _ in sample })
        }

        private func primitiveOrReference(_ name: String, namespace: String?, path: String) throws(Problem) -> Mapped {
            let number: (Any) -> String? = { ($0 as? NSNumber).map { "\($0)" } }
            switch name {
            case "null":
                throw Problem(path: path, message: "a field of type null holds nothing; leave it out or make it a union with another type")
            case "boolean":
                return Mapped(swiftType: "Bool", literal: { ($0 as? Bool).map { $0 ? "true" : "false" } }, sample: { _ in "sequence.isMultiple(of: 2)" })
            case "int":
                return Mapped(swiftType: "Int32", literal: number, sample: { _ in "Int32(truncatingIfNeeded: sequence)" })
            case "long":
                return Mapped(swiftType: "Int64", literal: number, sample: { _ in "Int64(sequence)" })
            case "float":
                return Mapped(swiftType: "Float", literal: number, sample: { _ in "Float(sequence)" })
            case "double":
                return Mapped(swiftType: "Double", literal: number, sample: { _ in "Double(sequence)" })
            case "string":
                return Mapped(swiftType: "String", literal: Self.string, sample: { field in "\"\(field)-\\(sequence)\"" })
            case "bytes":
                return Mapped(swiftType: "[UInt8]", literal: { _ in nil }, sample: { _ in "Array(String(sequence).utf8)" })
            default:
                let candidates = [name, Self.fullName(name, namespace: namespace)]
                guard let known = candidates.lazy.compactMap({ self.named[$0] }).first else {
                    throw Problem(path: path, message: "'\(name)' is no Avro type and no named type defined before this point")
                }
                if candidates.contains(where: open.contains) {
                    throw Problem(path: path, message: "record '\(name)' contains itself; a Swift struct cannot, so break the cycle")
                }
                if let cases = known.cases {
                    return Self.enumeration(known.swiftType, cases: cases, sample: known.sample)
                }
                let sample = known.sample
                return Mapped(swiftType: known.swiftType, literal: { _ in nil }, sample: { _ in sample })
            }
        }

        static func string(_ value: Any) -> String? { (value as? String).map(ServiceModel.swiftLiteral) }

        static func enumeration(_ swiftName: String, cases: [String: String], sample: String) -> Mapped {
            Mapped(swiftType: swiftName, literal: { ($0 as? String).flatMap { cases[$0] }.map { "." + $0 } }, sample: { _ in sample })
        }

        /// The Swift name of a new record or enum; two types may not share one.
        mutating func newTypeName(_ fullName: String, path: String) throws(Problem) -> String {
            let swiftName = Self.typeName(fullName)
            if records.contains(where: { $0.swiftName == swiftName }) || enumerations.contains(where: { $0.swiftName == swiftName }) {
                throw Problem(path: path + "/name", message: "two named types would both become the Swift type \(swiftName); give them different names")
            }
            return swiftName
        }

        /// `UPDATED` becomes `updated`, `IN_PROGRESS` `inProgress`, `InProgress` `inProgress`; a keyword is back-quoted.
        static func caseName(_ symbol: String) -> String {
            let isShouting = !symbol.contains(where: \.isLowercase)
            let parts = symbol.split(separator: "_").map { isShouting ? $0.lowercased() : String($0) }
            guard let first = parts.first else { return symbol }
            var name = first.prefix(1).lowercased() + first.dropFirst()
            for part in parts.dropFirst() { name += part.prefix(1).uppercased() + part.dropFirst() }
            return keywords.contains(name) ? "`\(name)`" : name
        }

        static func fullName(_ name: String, namespace: String?) -> String {
            if name.contains(".") { return name }
            guard let namespace, !namespace.isEmpty else { return name }
            return namespace + "." + name
        }

        /// The last part of a full name, first letter upper-cased.
        static func typeName(_ fullName: String) -> String {
            let simple = fullName.split(separator: ".").last.map(String.init) ?? fullName
            return simple.prefix(1).uppercased() + simple.dropFirst()
        }

        static let keywords: Set<String> = [
            "any", "as", "associatedtype", "break", "case", "catch", "class", "continue", "default", "defer", "deinit", "do",
            "else", "enum", "extension", "fallthrough", "false", "fileprivate", "for", "func", "guard", "if", "import", "in",
            "init", "inout", "internal", "is", "let", "nil", "operator", "private", "protocol", "public", "repeat", "rethrows",
            "return", "self", "Self", "some", "static", "struct", "subscript", "super", "switch", "throw", "throws", "true",
            "try", "typealias", "var", "where", "while",
        ]

        /// `snake_case` becomes `snakeCase`; a keyword is back-quoted.
        static func propertyName(_ name: String) -> String {
            let parts = name.split(separator: "_", omittingEmptySubsequences: true)
            var result = parts.first.map(String.init) ?? name
            for part in parts.dropFirst() { result += part.prefix(1).uppercased() + part.dropFirst() }
            if name.hasPrefix("_") || parts.isEmpty { result = name }
            return keywords.contains(result) ? "`\(result)`" : result
        }

        /// Whether `name` (possibly back-quoted) can be declared as a Swift property: ASCII letters, digits and
        /// underscores, not starting with a digit, and not `_` alone.
        static func isSwiftIdentifier(_ name: String) -> Bool {
            let bare = name.hasPrefix("`") && name.hasSuffix("`") && name.count > 2 ? String(name.dropFirst().dropLast()) : name
            guard let first = bare.unicodeScalars.first, bare != "_" else { return false }
            let isHead = { (scalar: Unicode.Scalar) in scalar == "_" || (scalar.isASCII && scalar.properties.isAlphabetic) }
            let isBody = { (scalar: Unicode.Scalar) in isHead(scalar) || ("0"..."9").contains(scalar) }
            return isHead(first) && bare.unicodeScalars.allSatisfy(isBody)
        }

        static func oneLine(_ doc: Any?) -> String? {
            guard let text = doc as? String else { return nil }
            let line = ServiceModel.oneLine(text)
            return line.isEmpty ? nil : line
        }
    }
}

/// A small RFC 8259 JSON parser for schema documents.
///
/// It is written here rather than taken from Foundation so that object members keep their order, integer
/// literals stay exact, duplicate keys are rejected, errors carry line and column, and nesting is bounded:
/// a hostile document of a million `[` fails cleanly instead of exhausting the stack.
struct JSONParser {
    /// The deepest nesting of arrays and objects accepted.
    static let defaultMaxDepth = 256

    private let bytes: [UInt8]
    private var index = 0
    private let maxDepth: Int
    /// When set, the parser records the byte offset where each value starts, keyed by its JSON path.
    private var offsets: [String: Int]?

    private init(bytes: [UInt8], maxDepth: Int, recordOffsets: Bool) {
        self.bytes = bytes
        self.maxDepth = maxDepth
        self.offsets = recordOffsets ? [:] : nil
    }

    /// Parses a complete JSON document.
    ///
    /// - Throws: `AvroError.invalidJSON` with the line and column of the first error.
    static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws(AvroError) -> JSONValue {
        var parser = JSONParser(bytes: Array(text.utf8), maxDepth: maxDepth, recordOffsets: false)
        return try parser.parseDocument()
    }

    /// Finds the line and column where the value at `path` (for example `/fields/1/type`) starts, so that
    /// a schema error can point into the file. Returns `nil` when the text does not parse or has no such path.
    static func location(of path: String, in text: String) -> (line: Int, column: Int)? {
        var parser = JSONParser(bytes: Array(text.utf8), maxDepth: defaultMaxDepth, recordOffsets: true)
        guard (try? parser.parseDocument()) != nil else { return nil }
        var probe = path
        while true {
            if let offset = parser.offsets?[probe] {
                return parser.lineAndColumn(of: offset)
            }
            // A path may end in a member that does not exist (a missing "name"); point at its parent.
            guard let slash = probe.lastIndex(of: "/") else { return nil }
            probe = String(probe[..<slash])
        }
    }

    private mutating func parseDocument() throws(AvroError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue(depth: 0, path: "")
        skipWhitespace()
        if index < bytes.count {
            throw error("unexpected \(describeCurrent()) after the end of the document")
        }
        return value
    }

    private mutating func parseValue(depth: Int, path: String) throws(AvroError) -> JSONValue {
        if offsets != nil {
            offsets?[path] = index
        }
        guard index < bytes.count else { throw error("unexpected end of input; expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            return try parseObject(depth: depth + 1, path: path)
        case UInt8(ascii: "["):
            return try parseArray(depth: depth + 1, path: path)
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        default:
            throw error("unexpected \(describeCurrent()); expected a value")
        }
    }

    private mutating func parseObject(depth: Int, path: String) throws(AvroError) -> JSONValue {
        guard depth <= maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
        index += 1
        var object = JSONObject()
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error("unexpected \(describeCurrent()); expected a member name in double quotes")
            }
            let keyStart = index
            let key = try parseString()
            if object[key] != nil {
                index = keyStart
                throw error("duplicate member \"\(key)\"; remove one of them")
            }
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "':' after the member name")
            skipWhitespace()
            let value = try parseValue(depth: depth, path: offsets == nil ? path : path + "/" + key)
            object.members.append(JSONObject.Member(key: key, value: value))
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input; expected ',' or '}'") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            try expect(UInt8(ascii: "}"), "',' or '}'")
            return .object(object)
        }
    }

    private mutating func parseArray(depth: Int, path: String) throws(AvroError) -> JSONValue {
        guard depth <= maxDepth else { throw error("nesting deeper than \(maxDepth) levels") }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            let elementPath = offsets == nil ? path : path + "/" + String(elements.count)
            elements.append(try parseValue(depth: depth, path: elementPath))
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input; expected ',' or ']'") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            try expect(UInt8(ascii: "]"), "',' or ']'")
            return .array(elements)
        }
    }

    private mutating func parseString() throws(AvroError) -> String {
        index += 1
        let start = index
        // Fast path: no escapes, so the bytes between the quotes are the string.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let slice = bytes[start..<index]
                index += 1
                guard let text = String(validating: slice, as: UTF8.self) else {
                    index = start
                    throw error("string is not valid UTF-8")
                }
                return text
            }
            if byte == UInt8(ascii: "\\") {
                break
            }
            if byte < 0x20 {
                throw error("control character U+\(hex4(UInt32(byte))) must be escaped inside a string")
            }
            index += 1
        }
        var buffer = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                guard let text = String(validating: buffer, as: UTF8.self) else {
                    index = start
                    throw error("string is not valid UTF-8")
                }
                return text
            case UInt8(ascii: "\\"):
                index += 1
                try parseEscape(into: &buffer)
            case 0..<0x20:
                throw error("control character U+\(hex4(UInt32(byte))) must be escaped inside a string")
            default:
                buffer.append(byte)
                index += 1
            }
        }
        throw error("unterminated string; add the closing '\"'")
    }

    private mutating func parseEscape(into buffer: inout [UInt8]) throws(AvroError) {
        guard index < bytes.count else { throw error("unterminated escape sequence") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "/"): buffer.append(UInt8(ascii: "/"))
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4()
            if (0xD800...0xDBFF).contains(scalar) {
                // A high surrogate must be followed by an escaped low surrogate to form one scalar.
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error("unpaired surrogate \\u\(hex4(scalar))")
                }
                index += 2
                let low = try parseHex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired surrogate \\u\(hex4(scalar))") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw error("unpaired surrogate \\u\(hex4(scalar))")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid code point \\u\(hex4(scalar))") }
            buffer.append(contentsOf: String(unicode).utf8)
        default:
            index -= 1
            throw error("invalid escape '\\\(describeByte(byte))'")
        }
    }

    private mutating func parseHex4() throws(AvroError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("\\u must be followed by four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("\\u must be followed by four hex digits")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private mutating func parseNumber() throws(AvroError) -> JSONValue {
        let start = index
        var isInteger = true
        if bytes[index] == UInt8(ascii: "-") {
            index += 1
        }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected a digit") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) {
                throw error("numbers must not have leading zeros")
            }
        } else {
            skipDigits()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected a digit after '.'") }
            skipDigits()
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected a digit in the exponent") }
            skipDigits()
        }
        let literal = String(decoding: bytes[start..<index], as: UTF8.self)
        if isInteger, let value = Int64(literal) {
            return .integer(value)
        }
        guard let value = Double(literal) else {
            index = start
            throw error("number \(literal) cannot be represented")
        }
        return .number(value)
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func skipDigits() {
        while index < bytes.count, isDigit(bytes[index]) {
            index += 1
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(AvroError) {
        let count = literal.utf8CodeUnitCount
        let matches = literal.withUTF8Buffer { expected in
            index + count <= bytes.count && zip(expected, bytes[index..<(index + count)]).allSatisfy { $0 == $1 }
        }
        guard matches else { throw error("unexpected \(describeCurrent()); expected a value") }
        index += count
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(AvroError) {
        guard index < bytes.count, bytes[index] == byte else {
            throw error("unexpected \(describeCurrent()); expected \(what)")
        }
        index += 1
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private func describeCurrent() -> String {
        guard index < bytes.count else { return "end of input" }
        return "'\(describeByte(bytes[index]))'"
    }

    private func describeByte(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F {
            return String(UnicodeScalar(byte))
        }
        return "\\x" + String(byte, radix: 16)
    }

    private func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for position in 0..<min(offset, bytes.count) where bytes[position] == 0x0A {
            line += 1
            lineStart = position + 1
        }
        // Columns count Unicode scalars, so continuation bytes of multi-byte characters are skipped.
        let column = bytes[lineStart..<min(offset, bytes.count)].reduce(1) { count, byte in
            byte & 0xC0 == 0x80 ? count : count + 1
        }
        return (line, column)
    }

    private func error(_ message: String) -> AvroError {
        let position = lineAndColumn(of: index)
        return .invalidJSON(message: message, line: position.line, column: position.column)
    }
}

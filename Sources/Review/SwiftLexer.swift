/// A token of Swift source, as much as the configuration finder needs.
struct SwiftToken: Equatable {
    enum Kind: Equatable {
        /// A string literal; `text` is its content when it has no interpolation.
        case string(text: String?)
        case identifier(String)
        case number(String)
        /// One of `[ ] { } ( ) : , .`.
        case punctuation(UInt8)
        /// A run of operator characters, such as `=`, `==` or `-`.
        case `operator`(String)
    }

    var kind: Kind
    /// The 1-based line the token starts on.
    var line: Int
    /// The token's byte offset in the source.
    var offset: Int
}

/// Splits Swift source into tokens and keeps a copy of the source with comments blanked out.
///
/// It is deliberately small: it knows comments (nested too), string literals (interpolated,
/// multi-line and raw), identifiers, numbers and punctuation, which is all that finding
/// configuration literals needs. It never fails; text it does not understand becomes operators.
struct SwiftLexer {
    private(set) var tokens: [SwiftToken] = []
    /// The source with every comment character except newlines replaced by a space, so regular
    /// expressions do not match commented-out code and line numbers stay the same.
    private(set) var maskedSource: [UInt8]

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1

    init(source: String) {
        bytes = Array(source.utf8)
        maskedSource = bytes
        lex()
    }

    private static let punctuation: Set<UInt8> = Set("[]{}(),:.".utf8)
    private static let operatorCharacters: Set<UInt8> = Set("=!<>+-*/%&|^~?".utf8)

    private mutating func lex() {
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
                index += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "/"):
                skipLineComment()
            case UInt8(ascii: "/") where peek(1) == UInt8(ascii: "*"):
                skipBlockComment()
            case _ where startsString():
                let (startLine, start) = (line, index)
                let text = readString()
                tokens.append(SwiftToken(kind: .string(text: text), line: startLine, offset: start))
            case _ where Self.isIdentifierStart(byte):
                let start = index
                while index < bytes.count, Self.isIdentifierPart(bytes[index]) { index += 1 }
                tokens.append(SwiftToken(kind: .identifier(text(start, index)), line: line, offset: start))
            case _ where Self.isDigit(byte):
                let start = index
                while index < bytes.count, Self.isIdentifierPart(bytes[index]) || bytes[index] == UInt8(ascii: ".") && peek(1).map(Self.isDigit) == true {
                    index += 1
                }
                tokens.append(SwiftToken(kind: .number(text(start, index)), line: line, offset: start))
            case _ where Self.punctuation.contains(byte):
                tokens.append(SwiftToken(kind: .punctuation(byte), line: line, offset: index))
                index += 1
            case _ where Self.operatorCharacters.contains(byte):
                let start = index
                while index < bytes.count, Self.operatorCharacters.contains(bytes[index]),
                      !(bytes[index] == UInt8(ascii: "/") && (peek(1) == UInt8(ascii: "/") || peek(1) == UInt8(ascii: "*"))) {
                    index += 1
                }
                tokens.append(SwiftToken(kind: .operator(text(start, index)), line: line, offset: start))
            default:
                index += 1
            }
        }
    }

    private func peek(_ distance: Int) -> UInt8? {
        index + distance < bytes.count ? bytes[index + distance] : nil
    }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private mutating func skipLineComment() {
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n") {
            maskedSource[index] = UInt8(ascii: " ")
            index += 1
        }
    }

    private mutating func skipBlockComment() {
        var depth = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                depth += 1
                blank(2)
            } else if bytes[index] == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
                depth -= 1
                blank(2)
                if depth == 0 { return }
            } else {
                blank(1)
            }
        }
    }

    private mutating func blank(_ count: Int) {
        for _ in 0..<count where index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1
            } else {
                maskedSource[index] = UInt8(ascii: " ")
            }
            index += 1
        }
    }

    private func startsString() -> Bool {
        var probe = index
        while probe < bytes.count, bytes[probe] == UInt8(ascii: "#") { probe += 1 }
        return probe < bytes.count && bytes[probe] == UInt8(ascii: "\"")
    }

    /// Reads a string literal starting at `index`; returns its content unless it interpolates.
    private mutating func readString() -> String? {
        var hashes = 0
        while bytes[index] == UInt8(ascii: "#") {
            hashes += 1
            index += 1
        }
        let isMultiline = peek(0) == UInt8(ascii: "\"") && peek(1) == UInt8(ascii: "\"") && peek(2) == UInt8(ascii: "\"")
        index += isMultiline ? 3 : 1
        var content: [UInt8] = []
        var interpolates = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                if !isMultiline { return nil }
            }
            if byte == UInt8(ascii: "\\"), hasHashes(hashes, at: index + 1) {
                let escaped = index + 1 + hashes
                guard escaped < bytes.count else { break }
                if bytes[escaped] == UInt8(ascii: "(") {
                    interpolates = true
                    index = escaped + 1
                    skipInterpolation()
                    continue
                }
                content.append(Self.unescaped(bytes[escaped]))
                index = escaped + 1
                continue
            }
            if closesString(isMultiline: isMultiline, hashes: hashes) {
                index += (isMultiline ? 3 : 1) + hashes
                return interpolates ? nil : String(decoding: content, as: UTF8.self)
            }
            content.append(byte)
            index += 1
        }
        return nil
    }

    private func hasHashes(_ count: Int, at position: Int) -> Bool {
        guard position + count <= bytes.count else { return false }
        return bytes[position..<(position + count)].allSatisfy { $0 == UInt8(ascii: "#") }
    }

    private func closesString(isMultiline: Bool, hashes: Int) -> Bool {
        let quotes = isMultiline ? 3 : 1
        guard index + quotes <= bytes.count,
              bytes[index..<(index + quotes)].allSatisfy({ $0 == UInt8(ascii: "\"") }) else { return false }
        return hasHashes(hashes, at: index + quotes)
    }

    /// Skips an interpolation's expression up to its closing parenthesis, strings inside included.
    private mutating func skipInterpolation() {
        var depth = 1
        while index < bytes.count, depth > 0 {
            switch bytes[index] {
            case UInt8(ascii: "("): depth += 1; index += 1
            case UInt8(ascii: ")"): depth -= 1; index += 1
            case UInt8(ascii: "\""): _ = readString()
            case UInt8(ascii: "\n"): line += 1; index += 1
            default: index += 1
            }
        }
    }

    private static func unescaped(_ byte: UInt8) -> UInt8 {
        switch byte {
        case UInt8(ascii: "n"): UInt8(ascii: "\n")
        case UInt8(ascii: "t"): UInt8(ascii: "\t")
        case UInt8(ascii: "0"): 0
        default: byte
        }
    }

    private static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$") || byte >= 0x80
    }

    private static func isIdentifierPart(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || isDigit(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}

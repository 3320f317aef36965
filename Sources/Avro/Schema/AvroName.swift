/// Rules for Avro names and namespaces.
enum AvroName {
    /// The primitive type names, which no named type may take and which always mean the primitive.
    static let primitives: Set<String> = ["null", "boolean", "int", "long", "float", "double", "bytes", "string"]

    /// Whether `text` is a valid simple name: `[A-Za-z_][A-Za-z0-9_]*`.
    static func isValidSimpleName(_ text: String) -> Bool {
        var bytes = text.utf8.makeIterator()
        guard let first = bytes.next(), isLetter(first) || first == UInt8(ascii: "_") else { return false }
        while let byte = bytes.next() {
            guard isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_") else { return false }
        }
        return true
    }

    /// Whether `text` is a valid full name or namespace: simple names joined by dots.
    static func isValidFullName(_ text: String) -> Bool {
        text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isValidSimpleName(String($0)) }
    }

    /// The part of a full name after the last dot.
    static func simpleName(of fullName: String) -> String {
        guard let dot = fullName.lastIndex(of: ".") else { return fullName }
        return String(fullName[fullName.index(after: dot)...])
    }

    /// The part of a full name before the last dot; empty for the null namespace.
    static func namespace(of fullName: String) -> String {
        guard let dot = fullName.lastIndex(of: ".") else { return "" }
        return String(fullName[..<dot])
    }

    /// The full name `name` stands for inside `namespace`: a dotted name is already full.
    static func qualify(_ name: String, in namespace: String) -> String {
        if name.contains(".") || namespace.isEmpty {
            return name
        }
        return namespace + "." + name
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}

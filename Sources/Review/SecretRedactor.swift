import Foundation

/// Removes secrets from text before it is written anywhere: the API keys themselves, and the value of any
/// `Authorization: Bearer …`, `Bearer …` or `x-api-key: …` a server echoed back.
public struct SecretRedactor: Sendable {
    /// What a secret is replaced with.
    public static let replacement = "<redacted>"

    private let secrets: [String]

    /// Creates a redactor for these secrets (empty ones are ignored).
    /// - Parameter secrets: The secrets to remove wherever they appear.
    public init(secrets: [String]) {
        // Longest first, so a key that contains another is removed whole.
        self.secrets = secrets.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
    }

    /// Creates a redactor for the keys in the environment the reviewer reads them from.
    public init(environment: [String: String]) {
        self.init(secrets: ProviderKind.allCases.compactMap { environment[ModelConfiguration.keyVariable(for: $0)] })
    }

    /// `text` with every secret and credential-looking header value replaced by ``replacement``.
    public func redact(_ text: String) -> String {
        var result = text
        for secret in secrets {
            result = result.replacingOccurrences(of: secret, with: Self.replacement)
        }
        return Self.redactCredentials(in: result)
    }

    /// Replaces the token after `bearer` + spaces, and after `x-api-key` + quotes, `:` or `=`, in one pass.
    static func redactCredentials(in text: String) -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if let valueStart = credentialValueStart(in: bytes, at: index) {
                output.append(contentsOf: bytes[index..<valueStart])
                var end = valueStart
                while end < bytes.count, !isDelimiter(bytes[end]) { end += 1 }
                output.append(contentsOf: Array(replacement.utf8))
                index = end
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Where a credential's value starts when a `bearer` or `x-api-key` marker begins at `index`.
    private static func credentialValueStart(in bytes: [UInt8], at index: Int) -> Int? {
        if index > 0, isWordByte(bytes[index - 1]) { return nil }
        for marker in markers where matches(marker.name, in: bytes, at: index) {
            var position = index + marker.name.count
            let afterName = position
            if marker.needsSeparator {
                while position < bytes.count, [UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"), UInt8(ascii: " ")].contains(bytes[position]) {
                    position += 1
                }
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") || bytes[position] == UInt8(ascii: "=") else { continue }
                position += 1
                while position < bytes.count, [UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"), UInt8(ascii: " "), UInt8(ascii: "\t")].contains(bytes[position]) {
                    position += 1
                }
            } else {
                while position < bytes.count, bytes[position] == UInt8(ascii: " ") || bytes[position] == UInt8(ascii: "\t") { position += 1 }
                guard position > afterName else { continue }
            }
            guard position < bytes.count, !isDelimiter(bytes[position]) else { continue }
            if matches(Array(replacement.utf8), in: bytes, at: position) { continue }
            return position
        }
        return nil
    }

    private static let markers: [(name: [UInt8], needsSeparator: Bool)] = [
        (Array("bearer".utf8), false), (Array("x-api-key".utf8), true),
    ]

    private static func matches(_ marker: [UInt8], in bytes: [UInt8], at index: Int) -> Bool {
        guard index + marker.count <= bytes.count else { return false }
        for offset in 0..<marker.count where lowercase(bytes[index + offset]) != marker[offset] { return false }
        return true
    }

    private static func lowercase(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        let lower = lowercase(byte)
        return (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lower) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        byte <= 0x20 || [UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "}"),
                         UInt8(ascii: "]"), UInt8(ascii: "\\"), UInt8(ascii: "<")].contains(byte)
    }
}

/// Writes JSON text with no insignificant whitespace, the layout the Parsing Canonical Form requires.
enum JSONWriter {
    /// Appends `text` as a JSON string literal: quotes, backslashes and control characters escaped,
    /// everything else (including non-ASCII) written as raw UTF-8, as the canonical form's STRINGS rule asks.
    static func appendString(_ text: String, to output: inout String) {
        output.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output.append("\\\"")
            case "\\": output.append("\\\\")
            case "\n": output.append("\\n")
            case "\r": output.append("\\r")
            case "\t": output.append("\\t")
            case "\u{08}": output.append("\\b")
            case "\u{0C}": output.append("\\f")
            default:
                if scalar.value < 0x20 {
                    let digits = String(scalar.value, radix: 16)
                    output.append("\\u" + String(repeating: "0", count: 4 - digits.count) + digits)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output.append("\"")
    }

    /// Appends any JSON value.
    static func append(_ value: JSONValue, to output: inout String) {
        switch value {
        case .null:
            output.append("null")
        case let .bool(flag):
            output.append(flag ? "true" : "false")
        case let .integer(number):
            output.append(String(number))
        case let .number(number):
            output.append(format(number))
        case let .string(text):
            appendString(text, to: &output)
        case let .array(elements):
            output.append("[")
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(",") }
                append(element, to: &output)
            }
            output.append("]")
        case let .object(object):
            output.append("{")
            for (position, member) in object.members.enumerated() {
                if position > 0 { output.append(",") }
                appendString(member.key, to: &output)
                output.append(":")
                append(member.value, to: &output)
            }
            output.append("}")
        }
    }

    /// Formats a finite double the way JSON readers expect; integral values keep a `.0` so they stay
    /// floating point when read back. Non-finite values have no JSON spelling and are written as `null`.
    static func format(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        return "\(number)"
    }
}

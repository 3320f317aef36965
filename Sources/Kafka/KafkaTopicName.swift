/// Kafka's rules for topic names, checked before a name reaches a broker or a file.
///
/// A legal name has 1 to 249 characters from `a-z`, `A-Z`, `0-9`, `.`, `_` and `-`, and is not `.` or `..`
/// (the broker's `Topic.validate`). Names that differ only in `.` and `_` collide in metric names; that is
/// legal and not checked here.
public enum KafkaTopicName {
    /// The longest legal name.
    public static let maximumLength = 249

    /// Why `name` is not a legal topic name, or `nil` when it is.
    public static func problem(with name: String) -> String? {
        if name.isEmpty { return "a topic name cannot be empty" }
        if name == "." || name == ".." { return "a topic name cannot be '.' or '..'" }
        if name.utf8.count > maximumLength {
            return "a topic name has at most \(maximumLength) characters, this one has \(name.utf8.count)"
        }
        if let bad = name.unicodeScalars.first(where: { !isLegal($0) }) {
            let shown = bad.isASCII && bad.value >= 0x20 && bad.value < 0x7F ? "'\(Character(bad))'" : "U+\(String(bad.value, radix: 16, uppercase: true))"
            return "topic name '\(name.debugDescription.dropFirst().dropLast())' contains \(shown); "
                + "use only letters a-z and A-Z, digits, '.', '_' and '-'"
        }
        return nil
    }

    /// Throws ``KafkaError`` `INVALID_TOPIC_EXCEPTION`, saying what is allowed, when `name` is not a legal
    /// topic name.
    public static func validate(_ name: String) throws {
        if let problem = problem(with: name) {
            // 17 is the protocol's INVALID_TOPIC_EXCEPTION.
            throw KafkaError(code: .init(rawValue: 17), message: problem, subject: name)
        }
    }

    private static func isLegal(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-": return true
        default: return false
        }
    }
}

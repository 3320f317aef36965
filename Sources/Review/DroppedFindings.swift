/// Model findings that failed validation and were left out of the report, by reason.
public struct DroppedFindings: Sendable, Hashable, Codable {
    /// Findings that did not match the findings JSON schema.
    public var invalid = 0
    /// Findings naming a file that was not under review.
    public var unknownFile = 0
    /// Findings naming a line the file does not have.
    public var lineOutOfRange = 0

    /// Creates an empty tally.
    public init() {}

    /// All dropped findings.
    public var total: Int { invalid + unknownFile + lineOutOfRange }

    /// Adds another tally to this one.
    public static func += (lhs: inout DroppedFindings, rhs: DroppedFindings) {
        lhs.invalid += rhs.invalid
        lhs.unknownFile += rhs.unknownFile
        lhs.lineOutOfRange += rhs.lineOutOfRange
    }

    /// One line for people, such as `2 (1 unknown file, 1 line out of range)`.
    public var summary: String {
        let parts = [(invalid, "invalid"), (unknownFile, "unknown file"), (lineOutOfRange, "line out of range")]
            .filter { $0.0 > 0 }
            .map { "\($0.0) \($0.1)" }
        return parts.isEmpty ? "0" : "\(total) (\(parts.joined(separator: ", ")))"
    }
}

/// A provider API key, read from the environment, that never shows itself in text.
///
/// Its description is redacted, it is not `Codable`, and only the HTTP layer reads the value, to
/// put it in a header. It is never part of a cache key, a cache file or a report.
public struct APIKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    let value: String

    /// Wraps a key.
    /// - Parameter value: The secret.
    public init(_ value: String) {
        self.value = value
    }

    /// Always `<redacted>`.
    public var description: String { "<redacted>" }

    /// Always `APIKey(<redacted>)`.
    public var debugDescription: String { "APIKey(<redacted>)" }
}

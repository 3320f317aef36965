/// Why a service could not start or keep running: an unusable setting or an event log it cannot write.
public struct ServiceRuntimeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure; more codes may be added.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// An environment variable holds a value the service cannot use.
        public static let invalidSetting = Code(description: "invalid-setting")
        /// The event log's file cannot be opened for appending.
        public static let eventLogUnavailable = Code(description: "event-log-unavailable")

        /// The code's stable name.
        public let description: String
    }

    /// What kind of failure.
    public var code: Code
    /// The environment variable or file concerned.
    public var subject: String
    /// What went wrong and what to do, for the person running the service.
    public var message: String

    /// Creates an error.
    public init(code: Code, subject: String, message: String) {
        self.code = code
        self.subject = subject
        self.message = message
    }

    /// The message.
    public var description: String { message }

    /// An environment variable holds `value`, which is not what the service accepts.
    static func invalidSetting(_ variable: String, value: String, expected: String) -> Self {
        Self(code: .invalidSetting, subject: variable, message: "\(variable)='\(value)' is not valid: expected \(expected).")
    }
}

import CRdKafka

/// An error from the Kafka client, the broker, or librdkafka, classified so callers know what to do next.
///
/// Every error carries librdkafka's code and name (e.g. `NOT_LEADER_FOR_PARTITION`,
/// `_MSG_TIMED_OUT`), a message a person can act on, and its classification:
///
/// - ``isRetriable``: the same call may succeed if repeated (the client already retries where it can).
/// - ``requiresAbort``: the current transaction must be aborted, the input rewound, and the work retried.
/// - ``isFatal``: the client instance can no longer be used (for example a fenced transactional producer);
///   shut it down and create a new one.
public struct KafkaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// librdkafka's error code.
    public var code: Code
    /// A human-readable explanation, including what to do about it where that is known.
    public var message: String
    /// The configuration property, topic, or other subject the error is about, if any.
    public var subject: String?
    /// Whether repeating the failed operation may succeed.
    public var isRetriable: Bool
    /// Whether the client instance is unusable after this error.
    public var isFatal: Bool
    /// Whether the current transaction must be aborted before the producer can continue.
    public var requiresAbort: Bool

    /// librdkafka's symbolic name of ``code``, e.g. `NOT_LEADER_FOR_PARTITION`; local errors start with `_`.
    public var name: String { code.name }

    /// How the caller should react to this error.
    public var classification: Classification {
        if isFatal { return code == .fenced || code == .producerFenced ? .fenced : .fatal }
        if requiresAbort { return .requiresAbort }
        if isRetriable { return .retriable }
        return .permanent
    }

    /// The ways librdkafka classifies an error, from the least to the most severe.
    public enum Classification: String, Sendable, Hashable, CaseIterable {
        /// Repeat the call; the client has usually done so already.
        case retriable
        /// Abort the transaction, rewind the input to the last committed offsets, and retry.
        case requiresAbort
        /// The operation failed for good, but the client can still be used.
        case permanent
        /// Another producer with the same `transactional.id` took over: stop this one.
        case fenced
        /// The client can no longer be used: shut it down.
        case fatal
    }

    /// Creates an error.
    /// - Parameters:
    ///   - code: librdkafka's error code.
    ///   - message: An explanation that says what to do.
    ///   - subject: The property, topic or other subject of the error.
    ///   - isRetriable: Whether repeating the operation may succeed.
    ///   - isFatal: Whether the client is unusable afterwards.
    ///   - requiresAbort: Whether the transaction must be aborted.
    public init(
        code: Code,
        message: String,
        subject: String? = nil,
        isRetriable: Bool = false,
        isFatal: Bool = false,
        requiresAbort: Bool = false
    ) {
        self.code = code
        self.message = message
        self.subject = subject
        self.isRetriable = isRetriable
        self.isFatal = isFatal
        self.requiresAbort = requiresAbort
    }

    /// `KafkaError.NAME: message`, the form used in logs and command output.
    public var description: String {
        "KafkaError.\(name) (\(classification.rawValue)): \(message)"
    }
}

extension KafkaError {
    /// Creates an error from a bare librdkafka code, with librdkafka's description and advice for the
    /// common codes, classified as retriable where a retry may help.
    /// - Parameters:
    ///   - code: The code.
    ///   - context: What was being done, prefixed to the description (e.g. `commit failed`).
    ///   - subject: The property, topic or other subject of the error.
    public init(code: Code, context: String? = nil, subject: String? = nil) {
        let reason = code.librdkafkaDescription
        let text = context.map { "\($0): \(reason)" } ?? reason
        self.init(
            code: code,
            message: text + code.advice,
            subject: subject,
            isRetriable: code.isRetriableByDefault
        )
    }

    /// Takes ownership of an `rd_kafka_error_t` and destroys it.
    init(consuming error: OpaquePointer, context: String? = nil) {
        defer { rd_kafka_error_destroy(error) }
        self.init(borrowing: error, context: context)
    }

    /// Reads an `rd_kafka_error_t` that librdkafka still owns.
    init(borrowing error: OpaquePointer, context: String? = nil) {
        let code = Code(rawValue: rd_kafka_error_code(error).rawValue)
        let reason = rd_kafka_error_string(error).map { String(cString: $0) } ?? code.librdkafkaDescription
        let text = context.map { "\($0): \(reason)" } ?? reason
        self.init(
            code: code,
            message: text + code.advice,
            isRetriable: rd_kafka_error_is_retriable(error) != 0,
            isFatal: rd_kafka_error_is_fatal(error) != 0,
            requiresAbort: rd_kafka_error_txn_requires_abort(error) != 0
        )
    }

    /// An invalid or unknown configuration property.
    static func invalidConfiguration(property: String, value: String, reason: String) -> KafkaError {
        KafkaError(
            code: .invalidArgument,
            message: "configuration property '\(property)' = '\(value)' was rejected by librdkafka: \(reason). "
                + "Check the name and value against librdkafka 2.0.2's CONFIGURATION.md.",
            subject: property
        )
    }

    /// The client is shutting down or has shut down.
    static func shutDown(_ what: String) -> KafkaError {
        KafkaError(code: .destroy, message: "the \(what) has been shut down; create a new one to continue")
    }
}

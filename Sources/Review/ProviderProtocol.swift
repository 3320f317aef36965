import Foundation
import KafkaSkillModel

/// How one provider's wire format turns a prompt into a request and a response into an answer.
protocol ProviderProtocol: Sendable {
    /// The request's URL.
    func endpoint(baseURL: URL) -> URL
    /// The headers that carry the key; kept apart so the key never reaches the cache key.
    func authorizationHeaders(for key: APIKey?) -> [String: String]
    /// Other headers the API needs.
    var headers: [String: String] { get }
    /// The request body.
    func body(for prompt: ModelPrompt, model: String, maxOutputTokens: Int) -> JSONValue
    /// Reads a 2xx response body.
    func answer(from body: Data, maxOutputTokens: Int) throws -> ModelAnswer
    /// Classifies a non-2xx response.
    func failure(status: Int, body: Data, headers: [String: String]) -> AttemptFailure
}

/// Why one HTTP attempt failed, whether to try again, and the error to report if not.
struct AttemptFailure: Sendable {
    enum Kind: Sendable {
        case authentication
        case spendLimit
        case rejected
        case rateLimited
        case overloaded
        case server
        case connection
        case timeout
    }

    var kind: Kind
    var status: Int
    var message: String
    var retryAfter: Duration?
    /// A server's `x-should-retry: false`, or a refused connection, turns retries off even for retriable kinds.
    var serverForbidsRetry = false

    var isRetriable: Bool {
        guard !serverForbidsRetry else { return false }
        switch kind {
        case .rateLimited, .overloaded, .server, .connection, .timeout: return true
        case .authentication, .spendLimit, .rejected: return false
        }
    }

    func error(provider: ProviderKind, attempts: Int, timeout: Duration) -> ReviewError {
        switch kind {
        case .authentication: .authentication(provider, status: status, message: message)
        case .spendLimit: .spendLimit(provider, status: status, message: message)
        case .rejected: .rejected(provider, status: status, message: message)
        case .rateLimited: .rateLimited(provider, attempts: attempts, message: message)
        case .overloaded: .overloaded(provider, attempts: attempts, message: message)
        case .server: .serverError(provider, status: status, attempts: attempts, message: message)
        case .connection: .connectionFailed(provider, attempts: attempts, reason: message)
        case .timeout: .timedOut(provider, attempts: attempts, seconds: Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18)
        }
    }

    /// The generic classification by status that both providers start from.
    static func byStatus(_ status: Int, message: String, headers: [String: String]) -> AttemptFailure {
        let kind: Kind = switch status {
        case 401, 403: .authentication
        case 402: .spendLimit
        case 429: .rateLimited
        case 529: .overloaded
        case 408, 409, 500...: .server
        default: .rejected
        }
        return AttemptFailure(
            kind: kind,
            status: status,
            message: message,
            retryAfter: retryAfter(in: headers),
            serverForbidsRetry: headers["x-should-retry"]?.lowercased() == "false"
        )
    }

    /// `retry-after-ms` (milliseconds) or `retry-after` (seconds); HTTP dates are not honoured.
    static func retryAfter(in headers: [String: String]) -> Duration? {
        if let milliseconds = headers["retry-after-ms"].flatMap(Double.init), milliseconds >= 0 {
            return .milliseconds(milliseconds)
        }
        if let seconds = headers["retry-after"].flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }), seconds >= 0 {
            return .milliseconds(seconds * 1000)
        }
        return nil
    }
}

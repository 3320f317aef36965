import Foundation
import KafkaSkillModel
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends prompts to the configured model and returns structured answers.
///
/// It retries connection errors, timeouts, 408, 409, 429, 5xx and 529 with the configured backoff
/// and `retry-after`, and stops at once on 400, 401, 403 and spend-limit or quota errors. Answers
/// are cached on disk by request content. The API key goes only into request headers.
public final class ModelClient: Sendable {
    /// The configuration the client was made with.
    public let configuration: ModelConfiguration
    private let session: URLSession
    private let wire: any ProviderProtocol
    private let cache: ResponseCache?

    /// Creates a client.
    /// - Parameter configuration: Which model to ask and how.
    public init(configuration: ModelConfiguration) {
        self.configuration = configuration
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        sessionConfiguration.urlCache = nil
        sessionConfiguration.requestCachePolicy = .reloadIgnoringLocalCacheData
        sessionConfiguration.timeoutIntervalForRequest = Self.sessionTimeout(configuration.requestTimeout)
        session = URLSession(configuration: sessionConfiguration)
        wire = switch configuration.provider {
        case .anthropic: AnthropicProtocol()
        case .openai: OpenAIProtocol(isOpenAIHosted: configuration.baseURL.host == "api.openai.com")
        }
        cache = configuration.cacheDirectory.map(ResponseCache.init)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    /// Asks the model for a structured answer.
    /// - Parameter prompt: What to ask and the answer's schema.
    /// - Returns: The answer and its cost; a cached answer costs no request.
    /// - Throws: ``ReviewError`` when the provider refuses, truncates or garbles the answer, or when
    ///   the request fails in a way retries cannot fix.
    public func complete(_ prompt: ModelPrompt) async throws -> ModelAnswer {
        let endpoint = wire.endpoint(baseURL: configuration.baseURL)
        let body = wire.body(for: prompt, model: configuration.model, maxOutputTokens: configuration.maxOutputTokens).encoded()
        let key = ResponseCache.key(provider: configuration.provider, endpoint: endpoint, body: body)
        if let cached = cache?.response(for: key),
           var answer = try? wire.answer(from: cached, maxOutputTokens: configuration.maxOutputTokens) {
            answer.usage = TokenUsage()
            answer.usage.cachedResponses = 1
            return answer
        }
        var request = URLRequest(url: endpoint)
        request.httpMethod = "POST"
        request.httpBody = body
        request.timeoutInterval = Self.sessionTimeout(configuration.requestTimeout)
        for (name, value) in wire.headers.merging(wire.authorizationHeaders(for: configuration.apiKey), uniquingKeysWith: { $1 }) {
            request.setValue(value, forHTTPHeaderField: name)
        }
        let (data, attempts) = try await send(request)
        var answer = try wire.answer(from: data, maxOutputTokens: configuration.maxOutputTokens)
        answer.usage.httpRequests = attempts
        try cache?.store(data, for: key)
        return answer
    }

    /// Sends a request, retrying what may succeed later; returns the 2xx body and the attempts made.
    private func send(_ request: URLRequest) async throws -> (Data, Int) {
        var attempt = 0
        while true {
            try Task.checkCancellation()
            attempt += 1
            let failure: AttemptFailure
            switch await attemptOnce(request) {
            case .success(let data):
                return (data, attempt)
            case .failure(let failed):
                failure = failed
            }
            guard failure.isRetriable, attempt <= configuration.retry.maxRetries else {
                throw failure.error(provider: configuration.provider, attempts: attempt, timeout: configuration.requestTimeout)
            }
            try await configuration.retry.sleep(configuration.retry.delay(beforeRetry: attempt, retryAfter: failure.retryAfter))
        }
    }

    private enum Outcome: Sendable {
        case success(Data)
        case failure(AttemptFailure)
    }

    /// One attempt, its failure message cleared of the key and of any credential a server echoed.
    private func attemptOnce(_ request: URLRequest) async -> Outcome {
        switch await attemptUnredacted(request) {
        case .success(let data):
            return .success(data)
        case .failure(var failure):
            failure.message = SecretRedactor(secrets: [configuration.apiKey?.value ?? ""]).redact(failure.message)
            return .failure(failure)
        }
    }

    private func attemptUnredacted(_ request: URLRequest) async -> Outcome {
        do {
            guard let (data, response) = try await withDeadline(configuration.requestTimeout, { [session] in try await session.data(for: request) }) else {
                return .failure(AttemptFailure(kind: .timeout, status: 0, message: "timed out"))
            }
            guard let http = response as? HTTPURLResponse else {
                return .failure(AttemptFailure(kind: .connection, status: 0, message: "the response is not HTTP"))
            }
            if (200..<300).contains(http.statusCode) {
                return .success(data)
            }
            var headers: [String: String] = [:]
            for (name, value) in http.allHeaderFields {
                if let name = name as? String, let value = value as? String {
                    headers[name.lowercased()] = value
                }
            }
            return .failure(wire.failure(status: http.statusCode, body: data, headers: headers))
        } catch let error as URLError where error.code == .timedOut {
            return .failure(AttemptFailure(kind: .timeout, status: 0, message: "timed out"))
        } catch let error as URLError where error.code == .cannotConnectToHost {
            // Refused: nothing listens there, and trying again a moment later will not change that.
            var refused = AttemptFailure(
                kind: .connection, status: 0,
                message: "connection refused by \(request.url?.host ?? "the server"):\(request.url?.port.map(String.init) ?? "default port")")
            refused.serverForbidsRetry = true
            return .failure(refused)
        } catch {
            return .failure(AttemptFailure(kind: .connection, status: 0, message: error.localizedDescription))
        }
    }

    /// Runs an operation, giving up after a deadline; returns `nil` when the deadline came first.
    private func withDeadline<T: Sendable>(_ limit: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws -> T? {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
    }

    /// URLSession's own timeout, a backstop behind ``withDeadline(_:_:)``: swift-corelibs-foundation
    /// truncates it to whole seconds (0.3 s fires at once), so it is rounded up and given a second
    /// of slack, and the task-group deadline decides.
    private static func sessionTimeout(_ duration: Duration) -> TimeInterval {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return seconds.rounded(.up) + 1
    }
}

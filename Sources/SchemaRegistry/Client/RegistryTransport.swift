import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One answer of the registry, whatever its status.
struct RegistryAnswer: Sendable {
    var status: Int
    var body: Data
    var url: String

    var isSuccess: Bool { (200..<300).contains(status) }

    /// The `error_code` and `message` of an error answer; a body without them (a proxy's HTML page, say) yields the
    /// HTTP status and the start of the text.
    var failure: RegistryWire.ErrorResponse {
        if let decoded = try? JSONDecoder().decode(RegistryWire.ErrorResponse.self, from: body) {
            return decoded
        }
        let text = String(decoding: body.prefix(300), as: UTF8.self)
        return RegistryWire.ErrorResponse(errorCode: status, message: text.isEmpty ? "no body" : text)
    }
}

/// Sends requests to a registry over URLSession, with the API's media types and a deadline of its own.
final class RegistryTransport: Sendable {
    private let session: URLSession
    private let base: String
    private let timeout: Duration

    init(baseURL: URL, timeout: Duration) {
        var text = baseURL.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        base = text
        self.timeout = timeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.timeoutIntervalForRequest = Self.sessionTimeout(timeout)
        session = URLSession(configuration: configuration)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    /// Sends one request.
    ///
    /// - Parameters:
    ///   - method: The HTTP method.
    ///   - path: The path segments after the base URL, unencoded; each is percent-encoded, so a subject may hold
    ///     any character.
    ///   - query: Query parameters.
    ///   - body: A JSON body, sent as `application/vnd.schemaregistry.v1+json`.
    /// - Returns: The answer, error statuses included.
    /// - Throws: ``SchemaRegistryError/transport(url:message:)`` or ``SchemaRegistryError/timeout(url:after:)``.
    func send(_ method: String, _ path: [String], query: [(String, String)] = [], body: Data? = nil) async throws(SchemaRegistryError)
        -> RegistryAnswer
    {
        var text = base + "/" + path.map(Self.encodeSegment).joined(separator: "/")
        if !query.isEmpty {
            text += "?" + query.map { "\(Self.encodeSegment($0.0))=\(Self.encodeSegment($0.1))" }.joined(separator: "&")
        }
        guard let url = URL(string: text) else {
            throw .transport(url: text, message: "not a valid URL; check the registry's base URL")
        }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = Self.sessionTimeout(timeout)
        request.setValue(RegistryMediaType.accept, forHTTPHeaderField: "Accept")
        if let body {
            request.httpBody = body
            request.setValue(RegistryMediaType.v1, forHTTPHeaderField: "Content-Type")
        }
        let outcome = await race(request)
        switch outcome {
        case let .answer(data, response):
            guard let http = response as? HTTPURLResponse else {
                throw .unexpectedResponse(url: text, status: 0, message: "the answer is not HTTP")
            }
            return RegistryAnswer(status: http.statusCode, body: data, url: text)
        case .deadline:
            throw .timeout(url: text, after: timeout)
        case let .failed(error):
            if let urlError = error as? URLError, urlError.code == .timedOut {
                throw .timeout(url: text, after: timeout)
            }
            throw .transport(url: text, message: error.localizedDescription)
        }
    }

    private enum Outcome: Sendable {
        case answer(Data, URLResponse)
        case deadline
        case failed(any Error)
    }

    /// Runs the request against the client's own deadline: swift-corelibs-foundation truncates URLSession
    /// timeouts to whole seconds, so a sub-second timeout would otherwise fire at once or far too late.
    private func race(_ request: URLRequest) async -> Outcome {
        let session = self.session
        let timeout = self.timeout
        return await withTaskGroup(of: Outcome.self) { group in
            group.addTask {
                do {
                    let (data, response) = try await session.data(for: request)
                    return .answer(data, response)
                } catch {
                    return .failed(error)
                }
            }
            group.addTask {
                do {
                    try await Task.sleep(for: timeout)
                    return .deadline
                } catch {
                    return .failed(error)
                }
            }
            let first = await group.next() ?? .deadline
            group.cancelAll()
            return first
        }
    }

    /// URLSession's own timeout, a backstop behind ``race(_:)``: rounded up to whole seconds, plus one.
    private static func sessionTimeout(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return (Double(seconds) + Double(attoseconds) / 1e18).rounded(.up) + 1
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    private static func encodeSegment(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: unreserved) ?? segment
    }
}

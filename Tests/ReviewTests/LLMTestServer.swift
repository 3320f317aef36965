import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// A real HTTP server on 127.0.0.1 that answers `POST /v1/messages` and
/// `POST /v1/chat/completions` with scripted replies and records every request it receives.
final class LLMTestServer: Sendable {
    /// One scripted reply; the last one repeats once the script runs out.
    struct Reply: Sendable {
        var status: Int = 200
        var headers: [String: String] = [:]
        var body: String
        var delay: Duration = .zero
    }

    /// A request as the server received it.
    struct Received: Sendable {
        var path: String
        var headers: [String: String]
        var body: Data

        var json: [String: Any]? {
            try? JSONSerialization.jsonObject(with: body) as? [String: Any]
        }
    }

    private let state: Mutex<(script: [Reply], received: [Received])>

    private init(script: [Reply]) {
        state = Mutex((script, []))
    }

    /// Every request received so far.
    var received: [Received] {
        state.withLock { $0.received }
    }

    private func reply(to request: Received) -> Reply {
        state.withLock { state in
            state.received.append(request)
            return state.script.count > 1 ? state.script.removeFirst() : state.script.first ?? Reply(status: 500, body: "{}")
        }
    }

    /// Starts a server, runs `body` with its base URL (`http://127.0.0.1:PORT`), then stops it.
    static func with<T: Sendable>(_ script: [Reply], _ body: @Sendable (URL, LLMTestServer) async throws -> T) async throws -> T {
        let server = LLMTestServer(script: script)
        let router = Router()
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            var request = request
            let buffer = try await request.collectBody(upTo: 50_000_000)
            var headers: [String: String] = [:]
            for field in request.headers {
                headers[field.name.canonicalName] = field.value
            }
            let received = Received(path: request.uri.path, headers: headers, body: Data(buffer.readableBytesView))
            let reply = server.reply(to: received)
            if reply.delay > .zero {
                try await Task.sleep(for: reply.delay)
            }
            var fields = HTTPFields()
            fields[.contentType] = "application/json"
            for (name, value) in reply.headers {
                if let name = HTTPField.Name(name) { fields[name] = value }
            }
            return Response(status: HTTPResponse.Status(code: reply.status), headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: reply.body)))
        }
        router.post("/v1/messages", use: handler)
        router.post("/v1/chat/completions", use: handler)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            }
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            defer { group.cancelAll() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0,
                  let url = URL(string: "http://127.0.0.1:\(port)") else {
                throw CancellationError()
            }
            return try await body(url, server)
        }
    }
}

import Foundation
import Hummingbird
import NIOCore

/// A real HTTP server on 127.0.0.1 port 0 that answers every request with one fixed reply, after an optional
/// delay: for what a real registry does only when something is wrong (slow answers, proxies' HTML pages, other
/// registries' error codes).
enum ScriptedServer {
    struct Reply: Sendable {
        var status: Int = 200
        var contentType = "application/json"
        var body: String
        var delay: Duration = .zero
    }

    /// Starts the server, runs `body` with its base URL, then stops it.
    static func with<T: Sendable>(_ reply: Reply, _ body: (URL) async throws -> T) async throws -> T {
        let router = Router()
        router.on("**", method: .get) { _, _ in try await respond(reply) }
        router.on("**", method: .post) { _, _ in try await respond(reply) }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: TestRegistry.logger
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            defer { group.cancelAll() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0, let url = URL(string: "http://127.0.0.1:\(port)") else {
                throw CancellationError()
            }
            return try await body(url)
        }
    }

    private static func respond(_ reply: Reply) async throws -> Response {
        if reply.delay > .zero {
            try await Task.sleep(for: reply.delay)
        }
        var headers = HTTPFields()
        headers[.contentType] = reply.contentType
        return Response(status: .init(code: reply.status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: reply.body)))
    }
}

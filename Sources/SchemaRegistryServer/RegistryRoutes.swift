import SchemaRegistry
import Avro
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The Confluent Schema Registry API over a ``SchemaStore``: the routes, their JSON bodies, and error answers in
/// the `{"error_code": …, "message": …}` form.
struct RegistryRoutes: Sendable {
    let store: SchemaStore

    /// Larger bodies are refused before they are read; a schema that big would not fit a Kafka record either.
    static let maxBodySize = 4 << 20

    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/") { _, _ in Self.json([String: String]()) }
        router.get("/schemas/types") { _, _ in Self.json(["AVRO"]) }
        router.get("/schemas/ids/:id") { _, context in
            await Self.answer { () throws(RegistryFailure) in
                let text = Self.parameter("id", context)
                guard let id = Int(text) else { throw .schemaIDNotFound(text) }
                let stored = try store.read { state throws(RegistryFailure) in try state.schema(id: id) }
                return RegistryWire.SchemaResponse(schema: stored.text, schemaType: nil)
            }
        }
        router.get("/subjects") { _, _ in
            await Self.answer { () throws(RegistryFailure) in try store.read { state in state.subjectNames } }
        }
        router.get("/subjects/:subject/versions") { _, context in
            await Self.answer { () throws(RegistryFailure) in
                let subject = try Self.subject(context)
                return try store.read { state throws(RegistryFailure) in try state.liveVersions(of: subject).map(\.number) }
            }
        }
        router.post("/subjects/:subject/versions") { request, context in
            await Self.answer { () async throws(RegistryFailure) in
                let subject = try Self.subject(context)
                let body = try await Self.body(RegistryWire.SchemaRequest.self, of: request)
                let schema = try RegistryState.parse(body)
                let id = try await store.register(schema, text: body.schema, subject: subject, normalize: Self.flag("normalize", request))
                return RegistryWire.IDResponse(id: id)
            }
        }
        router.get("/subjects/:subject/versions/:version") { _, context in
            await Self.answer { () throws(RegistryFailure) in
                let subject = try Self.subject(context)
                let version = Self.parameter("version", context)
                return try store.read { state throws(RegistryFailure) in
                    let found = try state.version(version, of: subject)
                    return RegistryWire.SubjectVersionResponse(
                        subject: subject, id: found.id, version: found.number, schema: try state.schema(id: found.id).text)
                }
            }
        }
        router.post("/subjects/:subject") { request, context in
            await Self.answer { () async throws(RegistryFailure) in
                let subject = try Self.subject(context)
                let schema = try RegistryState.parse(try await Self.body(RegistryWire.SchemaRequest.self, of: request))
                return try store.read { state throws(RegistryFailure) in
                    let found = try state.lookUp(schema, in: subject)
                    return RegistryWire.SubjectVersionResponse(
                        subject: subject, id: found.id, version: found.number, schema: try state.schema(id: found.id).text)
                }
            }
        }
        router.post("/compatibility/subjects/:subject/versions/:version") { request, context in
            await Self.answer { () async throws(RegistryFailure) in
                try await compatibility(request, subject: try Self.subject(context), version: Self.parameter("version", context))
            }
        }
        router.post("/compatibility/subjects/:subject/versions") { request, context in
            await Self.answer { () async throws(RegistryFailure) in
                try await compatibility(request, subject: try Self.subject(context), version: nil)
            }
        }
        router.delete("/subjects/:subject") { request, context in
            await Self.answer { () async throws(RegistryFailure) -> [Int] in
                let subject = try Self.subject(context)
                let permanent = Self.flag("permanent", request)
                return try await store.change { state throws(RegistryFailure) in
                    try state.planSubjectDeletion(subject, permanent: permanent)
                }
            }
        }
        router.delete("/subjects/:subject/versions/:version") { request, context in
            await Self.answer { () async throws(RegistryFailure) -> Int in
                let subject = try Self.subject(context)
                let version = Self.parameter("version", context)
                let permanent = Self.flag("permanent", request)
                return try await store.change { state throws(RegistryFailure) in
                    let (record, number) = try state.planVersionDeletion(version, of: subject, permanent: permanent)
                    return ([record], number)
                }
            }
        }
        router.get("/config") { _, _ in
            await Self.answer { () throws(RegistryFailure) in
                let level = try store.read { state in state.effectiveLevel(subject: nil) }
                return RegistryWire.ConfigResponse(compatibilityLevel: level.rawValue)
            }
        }
        router.put("/config") { request, _ in
            await Self.answer { () async throws(RegistryFailure) in try await setLevel(request, subject: nil) }
        }
        router.get("/config/:subject") { request, context in
            await Self.answer { () throws(RegistryFailure) in
                let subject = try Self.subject(context)
                let toGlobal = Self.flag("defaultToGlobal", request)
                let level = try store.read { state throws(RegistryFailure) in
                    if let own = state.ownLevel(subject: subject) { return own }
                    guard toGlobal else { throw .subjectLevelNotSet(subject) }
                    return state.effectiveLevel(subject: nil)
                }
                return RegistryWire.ConfigResponse(compatibilityLevel: level.rawValue)
            }
        }
        router.put("/config/:subject") { request, context in
            await Self.answer { () async throws(RegistryFailure) in try await setLevel(request, subject: try Self.subject(context)) }
        }
        return router
    }

    private func compatibility(_ request: Request, subject: String, version: String?) async throws(RegistryFailure)
        -> RegistryWire.CompatibilityResponse
    {
        let schema = try RegistryState.parse(try await Self.body(RegistryWire.SchemaRequest.self, of: request))
        let problems = try store.read { state throws(RegistryFailure) in
            try state.compatibilityProblems(of: schema, subject: subject, version: version)
        }
        return RegistryWire.CompatibilityResponse(isCompatible: problems.isEmpty, messages: Self.flag("verbose", request) ? problems : nil)
    }

    private func setLevel(_ request: Request, subject: String?) async throws(RegistryFailure) -> RegistryWire.ConfigUpdate {
        let body = try await Self.body(RegistryWire.ConfigUpdate.self, of: request)
        guard let level = CompatibilityLevel(name: body.compatibility) else {
            throw .invalidCompatibilityLevel(body.compatibility)
        }
        try await store.setLevel(level, subject: subject)
        return RegistryWire.ConfigUpdate(compatibility: level.rawValue)
    }

    // MARK: Requests and answers

    /// A path parameter, percent-decoded: the router matches the raw path, and clients encode subjects that hold
    /// reserved characters.
    private static func parameter(_ name: String, _ context: BasicRequestContext) -> String {
        let raw = context.parameters.get(name) ?? ""
        return raw.removingPercentEncoding ?? raw
    }

    /// The `subject` path parameter, refused when its percent-decoding is not valid UTF-8 or it holds a
    /// control character (NUL included).
    private static func subject(_ context: BasicRequestContext) throws(RegistryFailure) -> String {
        let raw = context.parameters.get("subject") ?? ""
        guard let decoded = raw.removingPercentEncoding, !decoded.isEmpty,
              !decoded.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            // Shown as sent, percent-encoded, so no control character reaches a log or terminal.
            throw .invalidSubject("'\(raw)'")
        }
        return decoded
    }

    private static func flag(_ name: String, _ request: Request) -> Bool {
        request.uri.queryParameters.get(name).map { $0.lowercased() == "true" } ?? false
    }

    private static func body<T: Decodable>(_ type: T.Type, of request: Request) async throws(RegistryFailure) -> T {
        if let contentType = request.headers[.contentType] {
            let bare = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            guard RegistryMediaType.acceptedRequestTypes.contains(bare) else {
                throw .unsupportedMediaType(contentType)
            }
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maxBodySize)
        } catch {
            throw RegistryFailure(status: 413, errorCode: 413, message: "The request body is larger than \(maxBodySize) bytes.")
        }
        do {
            return try JSONDecoder().decode(type, from: Data(buffer.readableBytesView))
        } catch {
            throw .unprocessable("The request body is not the JSON expected: \(error)")
        }
    }

    private static func answer<T: Encodable>(_ body: () async throws(RegistryFailure) -> T) async -> Response {
        do {
            return json(try await body())
        } catch {
            return json(RegistryWire.ErrorResponse(errorCode: error.errorCode, message: error.message), status: error.status)
        }
    }

    private static func json<T: Encodable>(_ value: T, status: Int = 200) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        // The bodies are strings, numbers and booleans, which always encode.
        let data = (try? encoder.encode(value)) ?? Data()
        var headers = HTTPFields()
        headers[.contentType] = RegistryMediaType.v1
        return Response(status: HTTPResponse.Status(code: status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

public import Avro
public import Foundation
import Synchronization

/// A client for the Confluent Schema Registry REST API, which Confluent's registry, Karapace, Apicurio (in its
/// Confluent-compatible mode) and `SchemaRegistryServer` (module SchemaRegistryServer) all speak.
///
/// ```swift
/// let client = SchemaRegistryClient(configuration: .init(baseURL: URL(string: "http://127.0.0.1:8081")!))
/// let id = try await client.register(schema, subject: "orders-value")
/// let text = try await client.schema(id: id)
/// ```
///
/// Schema ids are cached both ways, as Confluent's clients cache them: a schema registered or looked up once under
/// a subject is not sent again, and a schema fetched by id is not fetched again. Ids never change meaning in a
/// registry, so the caches are never invalidated; they grow with the number of distinct schemas used.
///
/// Every error answer becomes a ``SchemaRegistryError`` case: 40401, 40402, 40403, 40408, 42201, 42202, 42203 and
/// HTTP 409 (whatever its `error_code`) by name, anything else as ``SchemaRegistryError/registryFailure(status:errorCode:message:url:)``.
public final class SchemaRegistryClient: Sendable {
    /// Where the registry is and how long to wait for it.
    public struct Configuration: Sendable, Hashable {
        /// The registry's base URL, for example `http://127.0.0.1:8081`; a path prefix is kept.
        public var baseURL: URL
        /// How long one request may take before it fails with ``SchemaRegistryError/timeout(url:after:)``;
        /// sub-second values are honoured.
        ///
        /// Default: 10 seconds.
        public var requestTimeout: Duration

        /// Creates a configuration.
        ///
        /// - Parameters:
        ///   - baseURL: The registry's base URL.
        ///   - requestTimeout: How long one request may take.
        public init(baseURL: URL, requestTimeout: Duration = .seconds(10)) {
            self.baseURL = baseURL
            self.requestTimeout = requestTimeout
        }
    }

    /// The configuration the client was made with.
    public let configuration: Configuration
    private let transport: RegistryTransport
    private let cache = Mutex(Cache())

    private struct Cache {
        var ids: [IDKey: Int] = [:]
        var schemas: [Int: FetchedSchema] = [:]
        var parsed: [Int: AvroSchema] = [:]
    }

    private struct IDKey: Hashable {
        var subject: String
        var schema: String
        var normalize: Bool
    }

    private struct FetchedSchema {
        var text: String
        var type: String
    }

    /// Creates a client.
    ///
    /// - Parameter configuration: The registry's URL and the request timeout.
    public init(configuration: Configuration) {
        self.configuration = configuration
        transport = RegistryTransport(baseURL: configuration.baseURL, timeout: configuration.requestTimeout)
    }

    // MARK: Schemas under subjects

    /// Registers a schema under a subject and returns its id (`POST /subjects/{subject}/versions`).
    ///
    /// Registering a schema the subject already has returns its existing id; a schema already registered under
    /// another subject keeps its id there too.
    ///
    /// - Parameters:
    ///   - schema: The Avro schema's JSON text.
    ///   - subject: The subject, for example `orders-value`.
    ///   - normalize: Whether the registry should normalize the schema before storing and comparing it.
    /// - Returns: The schema id.
    /// - Throws: ``SchemaRegistryError/incompatibleSchema(subject:message:)`` when the subject's compatibility level
    ///   refuses it, ``SchemaRegistryError/invalidSchema(subject:message:)`` when it is not a valid schema, or a
    ///   transport error.
    public func register(_ schema: String, subject: String, normalize: Bool = false) async throws(SchemaRegistryError) -> Int {
        let key = IDKey(subject: subject, schema: schema, normalize: normalize)
        if let id = cache.withLock({ $0.ids[key] }) { return id }
        let answer = try await transport.send(
            "POST", ["subjects", subject, "versions"], query: normalize ? [("normalize", "true")] : [], body: Self.encode(schema))
        let response = try expect(RegistryWire.IDResponse.self, answer, ErrorContext(subject: subject))
        remember(id: response.id, key: key, schema: schema)
        return response.id
    }

    /// Registers a parsed schema under a subject, sending its full JSON form (``AvroSchema/jsonString``).
    ///
    /// - Parameters:
    ///   - schema: The schema.
    ///   - subject: The subject.
    ///   - normalize: Whether the registry should normalize the schema.
    /// - Returns: The schema id.
    /// - Throws: As ``register(_:subject:normalize:)-(String,_,_)``.
    public func register(_ schema: AvroSchema, subject: String, normalize: Bool = false) async throws(SchemaRegistryError) -> Int {
        try await register(schema.jsonString, subject: subject, normalize: normalize)
    }

    /// Finds a schema among a subject's versions (`POST /subjects/{subject}`).
    ///
    /// - Parameters:
    ///   - schema: The Avro schema's JSON text.
    ///   - subject: The subject.
    ///   - normalize: Whether the registry should normalize the schema before comparing it.
    /// - Returns: The version that holds the schema, with its id.
    /// - Throws: ``SchemaRegistryError/subjectNotFound(subject:)``, ``SchemaRegistryError/schemaNotRegistered(subject:)``,
    ///   or a transport error.
    public func lookUp(_ schema: String, subject: String, normalize: Bool = false) async throws(SchemaRegistryError) -> RegisteredSchema {
        let answer = try await transport.send(
            "POST", ["subjects", subject], query: normalize ? [("normalize", "true")] : [], body: Self.encode(schema))
        let response = try expect(RegistryWire.SubjectVersionResponse.self, answer, ErrorContext(subject: subject))
        remember(id: response.id, key: IDKey(subject: subject, schema: schema, normalize: normalize), schema: response.schema)
        return RegisteredSchema(subject: response.subject, id: response.id, version: response.version, schema: response.schema)
    }

    /// The id a schema has under a subject, from the cache when it was registered or looked up before.
    ///
    /// - Parameters:
    ///   - schema: The Avro schema's JSON text.
    ///   - subject: The subject.
    ///   - normalize: Whether the registry should normalize the schema before comparing it.
    /// - Returns: The schema id.
    /// - Throws: As ``lookUp(_:subject:normalize:)``.
    public func id(of schema: String, subject: String, normalize: Bool = false) async throws(SchemaRegistryError) -> Int {
        if let id = cache.withLock({ $0.ids[IDKey(subject: subject, schema: schema, normalize: normalize)] }) { return id }
        return try await lookUp(schema, subject: subject, normalize: normalize).id
    }

    /// Every subject (`GET /subjects`).
    ///
    /// - Returns: The subject names.
    /// - Throws: A transport or registry error.
    public func subjects() async throws(SchemaRegistryError) -> [String] {
        let answer = try await transport.send("GET", ["subjects"])
        return try expect([String].self, answer, ErrorContext())
    }

    /// A subject's version numbers, oldest first (`GET /subjects/{subject}/versions`).
    ///
    /// - Parameter subject: The subject.
    /// - Returns: The version numbers.
    /// - Throws: ``SchemaRegistryError/subjectNotFound(subject:)`` or a transport error.
    public func versions(subject: String) async throws(SchemaRegistryError) -> [Int] {
        let answer = try await transport.send("GET", ["subjects", subject, "versions"])
        return try expect([Int].self, answer, ErrorContext(subject: subject))
    }

    /// One version of a subject (`GET /subjects/{subject}/versions/{version}`).
    ///
    /// - Parameters:
    ///   - version: A version number or ``SchemaVersion/latest``.
    ///   - subject: The subject.
    /// - Returns: The version with its id and schema.
    /// - Throws: ``SchemaRegistryError/subjectNotFound(subject:)``, ``SchemaRegistryError/versionNotFound(subject:version:)``,
    ///   ``SchemaRegistryError/invalidVersion(version:message:)``, or a transport error.
    public func version(_ version: SchemaVersion, subject: String) async throws(SchemaRegistryError) -> RegisteredSchema {
        let answer = try await transport.send("GET", ["subjects", subject, "versions", version.description])
        let response = try expect(
            RegistryWire.SubjectVersionResponse.self, answer, ErrorContext(subject: subject, version: version.description))
        cache.withLock { cache in
            if cache.schemas[response.id] == nil {
                cache.schemas[response.id] = FetchedSchema(text: response.schema, type: response.schemaType ?? "AVRO")
            }
        }
        return RegisteredSchema(subject: response.subject, id: response.id, version: response.version, schema: response.schema)
    }

    // MARK: Schemas by id

    /// The schema text with this id (`GET /schemas/ids/{id}`), cached after the first request.
    ///
    /// - Parameter id: The schema id.
    /// - Returns: The schema's text.
    /// - Throws: ``SchemaRegistryError/schemaIDNotFound(id:)`` or a transport error.
    public func schema(id: Int) async throws(SchemaRegistryError) -> String {
        try await fetched(id: id).text
    }

    /// The Avro schema with this id, parsed, cached after the first request.
    ///
    /// - Parameter id: The schema id.
    /// - Returns: The parsed schema.
    /// - Throws: ``SchemaRegistryError/schemaIDNotFound(id:)``, ``SchemaRegistryError/unsupportedSchemaType(id:schemaType:)``
    ///   for a JSON Schema or Protobuf id, ``SchemaRegistryError/avro(context:error:)`` when the text does not parse, or a
    ///   transport error.
    public func avroSchema(id: Int) async throws(SchemaRegistryError) -> AvroSchema {
        if let parsed = cache.withLock({ $0.parsed[id] }) { return parsed }
        let fetched = try await fetched(id: id)
        guard fetched.type == "AVRO" else {
            throw .unsupportedSchemaType(id: id, schemaType: fetched.type)
        }
        let parsed: AvroSchema
        do {
            parsed = try AvroSchema(parsing: fetched.text)
        } catch {
            throw .avro(context: "parsing schema id \(id) from the registry", error: error)
        }
        cache.withLock { $0.parsed[id] = parsed }
        return parsed
    }

    private func fetched(id: Int) async throws(SchemaRegistryError) -> FetchedSchema {
        if let cached = cache.withLock({ $0.schemas[id] }) { return cached }
        let answer = try await transport.send("GET", ["schemas", "ids", String(id)])
        let response = try expect(RegistryWire.SchemaResponse.self, answer, ErrorContext(id: id))
        let fetched = FetchedSchema(text: response.schema, type: response.schemaType ?? "AVRO")
        cache.withLock { $0.schemas[id] = fetched }
        return fetched
    }

    // MARK: Compatibility

    /// Tests whether a schema could be registered under a subject (`POST /compatibility/subjects/{subject}/versions/{version}`).
    ///
    /// - Parameters:
    ///   - schema: The Avro schema's JSON text.
    ///   - subject: The subject.
    ///   - version: The version to test against; `nil` tests against every version the subject's level asks for.
    ///     Default: ``SchemaVersion/latest``.
    ///   - verbose: Whether to ask for the reasons when it is incompatible.
    /// - Returns: Whether it is compatible, and why not.
    /// - Throws: ``SchemaRegistryError/subjectNotFound(subject:)``, ``SchemaRegistryError/versionNotFound(subject:version:)``,
    ///   ``SchemaRegistryError/invalidSchema(subject:message:)``, or a transport error.
    public func testCompatibility(
        _ schema: String, subject: String, version: SchemaVersion? = .latest, verbose: Bool = true
    ) async throws(SchemaRegistryError) -> CompatibilityCheck {
        var path = ["compatibility", "subjects", subject, "versions"]
        if let version { path.append(version.description) }
        let answer = try await transport.send("POST", path, query: verbose ? [("verbose", "true")] : [], body: Self.encode(schema))
        let response = try expect(
            RegistryWire.CompatibilityResponse.self, answer, ErrorContext(subject: subject, version: version?.description))
        return CompatibilityCheck(isCompatible: response.isCompatible, messages: response.messages ?? [])
    }

    /// The compatibility level of a subject, or the global one (`GET /config`, `GET /config/{subject}`).
    ///
    /// - Parameters:
    ///   - subject: The subject, or `nil` for the global level.
    ///   - defaultToGlobal: For a subject without a level of its own, whether to answer the global level rather
    ///     than fail with ``SchemaRegistryError/subjectCompatibilityNotSet(subject:)``. Default: `true`.
    /// - Returns: The level.
    /// - Throws: ``SchemaRegistryError/subjectCompatibilityNotSet(subject:)`` or a transport error.
    public func compatibilityLevel(subject: String? = nil, defaultToGlobal: Bool = true) async throws(SchemaRegistryError)
        -> CompatibilityLevel
    {
        let answer = try await transport.send(
            "GET", ["config"] + (subject.map { [$0] } ?? []), query: subject != nil && defaultToGlobal ? [("defaultToGlobal", "true")] : [])
        let response = try expect(RegistryWire.ConfigResponse.self, answer, ErrorContext(subject: subject))
        return try level(response.compatibilityLevel ?? response.compatibility, answer)
    }

    /// Sets the compatibility level of a subject, or the global one (`PUT /config`, `PUT /config/{subject}`).
    ///
    /// - Parameters:
    ///   - level: The level.
    ///   - subject: The subject, or `nil` for the global level.
    /// - Returns: The level the registry stored.
    /// - Throws: A transport or registry error.
    @discardableResult
    public func setCompatibilityLevel(_ level: CompatibilityLevel, subject: String? = nil) async throws(SchemaRegistryError)
        -> CompatibilityLevel
    {
        try await setCompatibilityLevel(named: level.rawValue, subject: subject)
    }

    /// Sets the compatibility level by name, as a user typed it; the registry checks the name.
    ///
    /// - Parameters:
    ///   - name: The level's name, for example `FULL_TRANSITIVE`.
    ///   - subject: The subject, or `nil` for the global level.
    /// - Returns: The level the registry stored.
    /// - Throws: ``SchemaRegistryError/invalidCompatibilityLevel(level:)`` for a name the registry does not know, or a
    ///   transport error.
    @discardableResult
    public func setCompatibilityLevel(named name: String, subject: String? = nil) async throws(SchemaRegistryError)
        -> CompatibilityLevel
    {
        let body = Self.encodeJSON(RegistryWire.ConfigUpdate(compatibility: name))
        let answer = try await transport.send("PUT", ["config"] + (subject.map { [$0] } ?? []), body: body)
        let response = try expect(RegistryWire.ConfigUpdate.self, answer, ErrorContext(subject: subject, level: name))
        return try level(response.compatibility, answer)
    }

    // MARK: Answers and errors

    private func level(_ name: String?, _ answer: RegistryAnswer) throws(SchemaRegistryError) -> CompatibilityLevel {
        guard let name, let level = CompatibilityLevel(name: name) else {
            throw .unexpectedResponse(url: answer.url, status: answer.status, message: "no known compatibility level in the answer")
        }
        return level
    }

    private func remember(id: Int, key: IDKey, schema: String) {
        cache.withLock { cache in
            cache.ids[key] = id
            if cache.schemas[id] == nil {
                cache.schemas[id] = FetchedSchema(text: schema, type: "AVRO")
            }
        }
    }

    /// What a request was about, so that an error answer can name it.
    private struct ErrorContext {
        var subject: String?
        var version: String?
        var id: Int?
        var level: String?
    }

    private func expect<T: Decodable>(_ type: T.Type, _ answer: RegistryAnswer, _ context: ErrorContext) throws(SchemaRegistryError) -> T {
        guard answer.isSuccess else {
            throw Self.error(for: answer, context)
        }
        do {
            return try JSONDecoder().decode(type, from: answer.body)
        } catch {
            throw .unexpectedResponse(url: answer.url, status: answer.status, message: "the body is not the JSON expected: \(error)")
        }
    }

    private static func error(for answer: RegistryAnswer, _ context: ErrorContext) -> SchemaRegistryError {
        let failure = answer.failure
        // Registries disagree on the error_code of an incompatible schema (409 or 40901); the status is what counts.
        if answer.status == 409 {
            return .incompatibleSchema(subject: context.subject ?? "", message: failure.message)
        }
        switch failure.errorCode {
        case 40401 where context.subject != nil:
            return .subjectNotFound(subject: context.subject ?? "")
        case 40402 where context.subject != nil:
            return .versionNotFound(subject: context.subject ?? "", version: context.version ?? "latest")
        case 40403:
            if let id = context.id { return .schemaIDNotFound(id: id) }
            return .schemaNotRegistered(subject: context.subject ?? "")
        case 40408 where context.subject != nil:
            return .subjectCompatibilityNotSet(subject: context.subject ?? "")
        case 42201:
            return .invalidSchema(subject: context.subject, message: failure.message)
        case 42202:
            return .invalidVersion(version: context.version ?? "", message: failure.message)
        case 42203:
            return .invalidCompatibilityLevel(level: context.level ?? "")
        default:
            return .registryFailure(status: answer.status, errorCode: failure.errorCode, message: failure.message, url: answer.url)
        }
    }

    private static func encode(_ schema: String) -> Data {
        encodeJSON(RegistryWire.SchemaRequest(schema: schema))
    }

    private static func encodeJSON<T: Encodable>(_ value: T) -> Data {
        // Encoding plain strings and integers cannot fail.
        (try? JSONEncoder().encode(value)) ?? Data()
    }
}

import Avro
import Foundation
import SchemaRegistry
import Testing

@Suite("Errors: every registry error code and transport failure becomes a SchemaRegistryError")
struct ErrorMappingTests {
    @Test("40401, 40402, 40403, 40408, 42201, 42202 and 42203 from the embedded registry")
    func registryErrorCodes() async throws {
        let cluster = try TestRegistry.makeCluster()
        try await TestRegistry.with(cluster: cluster) { client, _ in
            _ = try await client.register(Schemas.userV1, subject: "users-value")

            var error = await #expect(throws: SchemaRegistryError.self) { try await client.versions(subject: "nobody") }
            #expect(error == .subjectNotFound(subject: "nobody"))
            error = await #expect(throws: SchemaRegistryError.self) { try await client.lookUp(Schemas.userV1, subject: "nobody") }
            #expect(error == .subjectNotFound(subject: "nobody"))
            error = await #expect(throws: SchemaRegistryError.self) { try await client.version(.latest, subject: "nobody") }
            #expect(error == .subjectNotFound(subject: "nobody"))

            error = await #expect(throws: SchemaRegistryError.self) { try await client.version(.number(9), subject: "users-value") }
            #expect(error == .versionNotFound(subject: "users-value", version: "9"))
            error = await #expect(throws: SchemaRegistryError.self) {
                try await client.testCompatibility(Schemas.userV2, subject: "users-value", version: .number(5))
            }
            #expect(error == .versionNotFound(subject: "users-value", version: "5"))

            error = await #expect(throws: SchemaRegistryError.self) { try await client.schema(id: 999) }
            #expect(error == .schemaIDNotFound(id: 999))
            error = await #expect(throws: SchemaRegistryError.self) { try await client.lookUp(Schemas.order, subject: "users-value") }
            #expect(error == .schemaNotRegistered(subject: "users-value"))

            error = await #expect(throws: SchemaRegistryError.self) {
                try await client.compatibilityLevel(subject: "users-value", defaultToGlobal: false)
            }
            #expect(error == .subjectCompatibilityNotSet(subject: "users-value"))

            let missingFields = """
                {"type": "record",
                 "name": "Broken"}
                """
            error = await #expect(throws: SchemaRegistryError.self) { try await client.register(missingFields, subject: "users-value") }
            guard case let .invalidSchema(subject, message)? = error else {
                Issue.record("expected invalidSchema, got \(String(describing: error))")
                return
            }
            #expect(subject == "users-value")
            #expect(message.contains("fields"))
            error = await #expect(throws: SchemaRegistryError.self) { try await client.register("{\"type\": ", subject: "users-value") }
            guard case let .invalidSchema(_, syntax)? = error else {
                Issue.record("expected invalidSchema, got \(String(describing: error))")
                return
            }
            #expect(syntax.contains("1:"), "the message points at the line and column: \(syntax)")

            error = await #expect(throws: SchemaRegistryError.self) { try await client.version(.number(0), subject: "users-value") }
            guard case .invalidVersion(version: "0", _)? = error else {
                Issue.record("expected invalidVersion, got \(String(describing: error))")
                return
            }

            error = await #expect(throws: SchemaRegistryError.self) { try await client.setCompatibilityLevel(named: "SIDEWAYS") }
            #expect(error == .invalidCompatibilityLevel(level: "SIDEWAYS"))
            #expect(error?.description.contains("FULL_TRANSITIVE") == true)
        }
    }

    @Test("a breaking change is refused with 409 and a message naming the breaking field; the subject is unchanged")
    func breakingChangeRefused() async throws {
        let cluster = try TestRegistry.makeCluster()
        try await TestRegistry.with(cluster: cluster) { client, _ in
            _ = try await client.register(Schemas.userV1, subject: "users-value")
            let error = await #expect(throws: SchemaRegistryError.self) {
                try await client.register(Schemas.userBreaking, subject: "users-value")
            }
            guard case let .incompatibleSchema(subject, message)? = error else {
                Issue.record("expected incompatibleSchema, got \(String(describing: error))")
                return
            }
            #expect(subject == "users-value")
            #expect(message.contains("BACKWARD"))
            #expect(message.contains("version 1"))
            #expect(message.contains("/fields/2"))
            #expect(message.contains("'email'"))
            #expect(error?.description.contains("give added fields a default") == true)
            #expect(try await client.versions(subject: "users-value") == [1])

            // The defaulted change passes, and at NONE even the breaking one does.
            _ = try await client.register(Schemas.userV2, subject: "users-value")
            try await client.setCompatibilityLevel(.none, subject: "users-value")
            _ = try await client.register(Schemas.userBreaking, subject: "users-value")
            #expect(try await client.versions(subject: "users-value") == [1, 2, 3])
        }
    }

    @Test("under FORWARD the message says the old schema cannot read the new one, and names the removed field")
    func forwardBreakingChange() async throws {
        let cluster = try TestRegistry.makeCluster()
        try await TestRegistry.with(cluster: cluster) { client, _ in
            try await client.setCompatibilityLevel(.forward, subject: "users-value")
            _ = try await client.register(Schemas.userV1, subject: "users-value")
            let withoutName = """
                {"type": "record", "name": "User", "namespace": "com.example", "fields": [{"name": "id", "type": "long"}]}
                """
            let error = await #expect(throws: SchemaRegistryError.self) { try await client.register(withoutName, subject: "users-value") }
            guard case let .incompatibleSchema(_, message)? = error else {
                Issue.record("expected incompatibleSchema, got \(String(describing: error))")
                return
            }
            #expect(message.contains("version 1 cannot read data written with the new schema"))
            #expect(message.contains("'name'"))
        }
    }

    @Test("a sub-second timeout fires on time, and is retriable")
    func timeout() async throws {
        try await ScriptedServer.with(.init(body: "[]", delay: .seconds(3))) { url in
            let client = SchemaRegistryClient(configuration: .init(baseURL: url, requestTimeout: .milliseconds(300)))
            let start = ContinuousClock.now
            let error = await #expect(throws: SchemaRegistryError.self) { try await client.subjects() }
            let elapsed = ContinuousClock.now - start
            guard case let .timeout(_, after)? = error else {
                Issue.record("expected timeout, got \(String(describing: error))")
                return
            }
            #expect(after == .milliseconds(300))
            #expect(elapsed < .milliseconds(1500), "took \(elapsed)")
            #expect(error?.isRetriable == true)
        }
    }

    @Test("other registries' answers: 409 with error_code 40901, 50001, a proxy's 503 page, HTML with 200")
    func foreignAnswers() async throws {
        try await ScriptedServer.with(.init(status: 409, body: #"{"error_code": 40901, "message": "Schema being registered is incompatible"}"#)) { url in
            let client = SchemaRegistryClient(configuration: .init(baseURL: url))
            let error = await #expect(throws: SchemaRegistryError.self) { try await client.register(Schemas.userV1, subject: "s") }
            #expect(error == .incompatibleSchema(subject: "s", message: "Schema being registered is incompatible"))
        }
        try await ScriptedServer.with(.init(status: 500, body: #"{"error_code": 50001, "message": "Error in the backend data store"}"#)) { url in
            let client = SchemaRegistryClient(configuration: .init(baseURL: url))
            let error = await #expect(throws: SchemaRegistryError.self) { try await client.subjects() }
            guard case .registryFailure(status: 500, errorCode: 50001, message: "Error in the backend data store", _)? = error else {
                Issue.record("expected registryFailure, got \(String(describing: error))")
                return
            }
            #expect(error?.isRetriable == true)
        }
        try await ScriptedServer.with(.init(status: 503, contentType: "text/html", body: "<html>upstream down</html>")) { url in
            let client = SchemaRegistryClient(configuration: .init(baseURL: url))
            let error = await #expect(throws: SchemaRegistryError.self) { try await client.subjects() }
            guard case .registryFailure(status: 503, errorCode: 503, message: "<html>upstream down</html>", _)? = error else {
                Issue.record("expected registryFailure, got \(String(describing: error))")
                return
            }
        }
        try await ScriptedServer.with(.init(contentType: "text/html", body: "<html>login</html>")) { url in
            let client = SchemaRegistryClient(configuration: .init(baseURL: url))
            let error = await #expect(throws: SchemaRegistryError.self) { try await client.subjects() }
            guard case .unexpectedResponse(_, 200, _)? = error else {
                Issue.record("expected unexpectedResponse, got \(String(describing: error))")
                return
            }
            #expect(error?.isRetriable == false)
        }
    }

    @Test("an unreachable registry is a retriable transport error naming the URL")
    func unreachable() async throws {
        let closed = try await ScriptedServer.with(.init(body: "[]")) { url in url }
        let client = SchemaRegistryClient(configuration: .init(baseURL: closed, requestTimeout: .seconds(5)))
        let error = await #expect(throws: SchemaRegistryError.self) { try await client.subjects() }
        guard case let .transport(url, _)? = error else {
            Issue.record("expected transport, got \(String(describing: error))")
            return
        }
        #expect(url == closed.absoluteString + "/subjects")
        #expect(error?.isRetriable == true)
    }
}

import Avro
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import EmbeddedKafka
import Kafka
import SchemaRegistry
import Testing

@Suite("Client and embedded registry: every endpoint")
struct ClientEndpointTests {
    @Test("register, look up, get by id, subjects, versions and get version agree with each other")
    func schemaEndpoints() async throws {
        let cluster = try TestRegistry.makeCluster()
        try await TestRegistry.with(cluster: cluster) { client, _ in
            let v1 = try await client.register(Schemas.userV1, subject: "users-value")
            let v2 = try await client.register(Schemas.userV2, subject: "users-value")
            #expect(v1 != v2)
            // Registering again is idempotent, and the same schema under another subject keeps its id.
            #expect(try await client.register(Schemas.userV1, subject: "users-value") == v1)
            let elsewhere = try await client.register(Schemas.userV1, subject: "archive-value")
            #expect(elsewhere == v1)
            let order = try await client.register(Schemas.order, subject: "orders-value")

            #expect(try await client.subjects() == ["archive-value", "orders-value", "users-value"])
            #expect(try await client.versions(subject: "users-value") == [1, 2])
            #expect(try await client.versions(subject: "archive-value") == [1])

            let latest = try await client.version(.latest, subject: "users-value")
            #expect(latest.subject == "users-value")
            #expect(latest.id == v2)
            #expect(latest.version == 2)
            let first = try await client.version(.number(1), subject: "users-value")
            #expect(first.id == v1)
            #expect(try AvroSchema(parsing: first.schema) == AvroSchema(parsing: Schemas.userV1))

            let found = try await client.lookUp(Schemas.userV2, subject: "users-value")
            #expect(found == RegisteredSchema(subject: "users-value", id: v2, version: 2, schema: found.schema))
            #expect(try await client.id(of: Schemas.order, subject: "orders-value") == order)

            // The same schema with other whitespace and attribute order is the same schema.
            let reformatted = """
                {"namespace":"com.example","name":"User","type":"record","fields":[{"type":"long","name":"id"},{"type":"string","name":"name"}]}
                """
            #expect(try await client.lookUp(reformatted, subject: "users-value").id == v1)

            #expect(try await client.schema(id: order) == Schemas.order)
            let parsed = try await client.avroSchema(id: v2)
            #expect(parsed == (try AvroSchema(parsing: Schemas.userV2)))
        }
    }

    @Test("normalize=true stores the schema's full JSON form; without it the text is kept as sent")
    func normalize() async throws {
        let cluster = try TestRegistry.makeCluster()
        try await TestRegistry.with(cluster: cluster) { client, _ in
            let id = try await client.register(Schemas.order, subject: "normalized", normalize: true)
            let stored = try await client.version(.latest, subject: "normalized").schema
            #expect(stored == (try AvroSchema(parsing: Schemas.order)).jsonString)
            #expect(stored != Schemas.order)
            let plain = try await client.register(Schemas.userV1, subject: "plain")
            #expect(try await client.version(.latest, subject: "plain").schema == Schemas.userV1)
            #expect(id != plain)
        }
    }

    @Test("compatibility test against one version and against all, verbose and not")
    func compatibilityEndpoint() async throws {
        let cluster = try TestRegistry.makeCluster()
        try await TestRegistry.with(cluster: cluster) { client, _ in
            _ = try await client.register(Schemas.userV1, subject: "users-value")
            let good = try await client.testCompatibility(Schemas.userV2, subject: "users-value")
            #expect(good == CompatibilityCheck(isCompatible: true))

            let bad = try await client.testCompatibility(Schemas.userBreaking, subject: "users-value", version: .number(1))
            #expect(!bad.isCompatible)
            #expect(bad.messages.count == 1)
            #expect(bad.messages.first?.contains("'email'") == true)
            #expect(bad.messages.first?.contains("/fields/2") == true)

            let terse = try await client.testCompatibility(Schemas.userBreaking, subject: "users-value", version: nil, verbose: false)
            #expect(terse == CompatibilityCheck(isCompatible: false, messages: []))

            // At NONE anything valid is compatible.
            try await client.setCompatibilityLevel(.none, subject: "users-value")
            #expect(try await client.testCompatibility(Schemas.userBreaking, subject: "users-value").isCompatible)
        }
    }

    @Test("config: global and per subject, get and put, subject falling back to global")
    func configEndpoints() async throws {
        let cluster = try TestRegistry.makeCluster()
        try await TestRegistry.with(cluster: cluster) { client, _ in
            let initial = try await client.compatibilityLevel()
            #expect(initial == .backward)
            let stored = try await client.setCompatibilityLevel(.fullTransitive)
            #expect(stored == .fullTransitive)
            let global = try await client.compatibilityLevel()
            #expect(global == .fullTransitive)
            let inherited = try await client.compatibilityLevel(subject: "orders-value")
            #expect(inherited == .fullTransitive)
            let named = try await client.setCompatibilityLevel(named: "forward", subject: "orders-value")
            #expect(named == .forward)
            let own = try await client.compatibilityLevel(subject: "orders-value", defaultToGlobal: false)
            #expect(own == .forward)
            let unchanged = try await client.compatibilityLevel()
            #expect(unchanged == .fullTransitive)
        }
    }

    @Test("a subject with reserved characters travels percent-encoded and comes back intact")
    func reservedCharactersInSubject() async throws {
        let cluster = try TestRegistry.makeCluster()
        try await TestRegistry.with(cluster: cluster) { client, _ in
            let subject = "team a/orders?v=1&x#frag-value"
            let id = try await client.register(Schemas.order, subject: subject)
            #expect(try await client.subjects() == [subject])
            let latest = try await client.version(.latest, subject: subject)
            #expect(latest.subject == subject)
            #expect(latest.id == id)
        }
    }

    @Test("answers carry the registry media type, and a body of another type is refused with 415")
    func mediaTypes() async throws {
        let cluster = try TestRegistry.makeCluster()
        try await TestRegistry.with(cluster: cluster) { _, url in
            let (_, response) = try await URLSession.shared.data(from: url.appendingPathComponent("subjects"))
            let http = try #require(response as? HTTPURLResponse)
            #expect(http.statusCode == 200)
            #expect(http.value(forHTTPHeaderField: "Content-Type") == RegistryMediaType.v1)

            var request = URLRequest(url: url.appendingPathComponent("subjects/x/versions"))
            request.httpMethod = "POST"
            request.setValue("text/plain", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(#"{"schema": "\"string\""}"#.utf8)
            let (body, refused) = try await URLSession.shared.data(for: request)
            #expect((refused as? HTTPURLResponse)?.statusCode == 415)
            let error = try JSONSerialization.jsonObject(with: body) as? [String: Any]
            #expect(error?["error_code"] as? Int == 415)
            #expect((error?["message"] as? String)?.contains(RegistryMediaType.v1) == true)
        }
    }
}

import Foundation
import EmbeddedKafka
import Kafka
import SchemaRegistry
import SchemaRegistryServer
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Requests that were once accepted though wrong, or answered in a form Confluent's clients misread.
@Suite("Registry: hostile requests and deletes", .timeLimit(.minutes(3)))
struct HostileRequestTests {
    /// Sends a raw request and returns the status and the decoded JSON body.
    static func send(_ method: String, _ url: URL, _ path: String, body: String? = nil) async throws -> (Int, Any?) {
        var request = URLRequest(url: URL(string: url.absoluteString + path)!)
        request.httpMethod = method
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/vnd.schemaregistry.v1+json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        return (status, try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
    }

    static func register(_ schema: String) -> String {
        let escaped = String(decoding: try! JSONSerialization.data(withJSONObject: schema, options: [.fragmentsAllowed]), as: UTF8.self)
        return "{\"schema\": \(escaped)}"
    }

    static func errorCode(_ body: Any?) -> Int? { (body as? [String: Any])?["error_code"] as? Int }

    @Test("subjects with NUL, control characters or invalid UTF-8 are refused with 422 42208")
    func invalidSubjects() async throws {
        let cluster = try TestRegistry.makeCluster()
        try await TestRegistry.with(cluster: cluster) { _, url async throws in
            for subject in ["a%00b", "bad%FFname", "tab%09here"] {
                let (status, body) = try await Self.send("POST", url, "/subjects/\(subject)/versions", body: Self.register(Schemas.userV1))
                #expect(status == 422, "\(subject)")
                #expect(Self.errorCode(body) == 42208, "\(subject): \(String(describing: body))")
            }
            let (_, subjects) = try await Self.send("GET", url, "/subjects")
            #expect((subjects as? [String]) == [])
        }
    }

    @Test("soft and permanent deletes of subjects and versions answer as Confluent documents")
    func deletes() async throws {
        let cluster = try TestRegistry.makeCluster()
        try await TestRegistry.with(cluster: cluster) { client, url async throws in
            _ = try await client.register(Schemas.userV1, subject: "users-value")
            _ = try await client.register(Schemas.userV2, subject: "users-value")

            // Permanent before soft: refused with 40407 / 40405.
            var (status, body) = try await Self.send("DELETE", url, "/subjects/users-value/versions/1?permanent=true")
            #expect(status == 404 && Self.errorCode(body) == 40407, "\(String(describing: body))")
            (status, body) = try await Self.send("DELETE", url, "/subjects/users-value?permanent=true")
            #expect(status == 404 && Self.errorCode(body) == 40405, "\(String(describing: body))")

            // Soft-delete version 1: answered with its number, no longer listed, a second soft delete is 40406.
            (status, body) = try await Self.send("DELETE", url, "/subjects/users-value/versions/1")
            #expect(status == 200 && body as? Int == 1, "\(String(describing: body))")
            let (listed, versions) = try await Self.send("GET", url, "/subjects/users-value/versions")
            #expect(listed == 200 && versions as? [Int] == [2], "\(String(describing: versions))")
            (status, body) = try await Self.send("DELETE", url, "/subjects/users-value/versions/1")
            #expect(status == 404 && Self.errorCode(body) == 40406, "\(String(describing: body))")
            (status, body) = try await Self.send("DELETE", url, "/subjects/users-value/versions/7")
            #expect(status == 404 && Self.errorCode(body) == 40402, "\(String(describing: body))")
            (status, body) = try await Self.send("DELETE", url, "/subjects/nobody")
            #expect(status == 404 && Self.errorCode(body) == 40401, "\(String(describing: body))")

            // Soft-delete the subject: the remaining versions; then 40404; then permanent removes all.
            (status, body) = try await Self.send("DELETE", url, "/subjects/users-value")
            #expect(status == 200 && body as? [Int] == [2], "\(String(describing: body))")
            (status, body) = try await Self.send("DELETE", url, "/subjects/users-value")
            #expect(status == 404 && Self.errorCode(body) == 40404, "\(String(describing: body))")
            (status, body) = try await Self.send("DELETE", url, "/subjects/users-value?permanent=true")
            #expect(status == 200 && body as? [Int] == [1, 2], "\(String(describing: body))")
            (status, body) = try await Self.send("DELETE", url, "/subjects/users-value?permanent=true")
            #expect(status == 404 && Self.errorCode(body) == 40401, "\(String(describing: body))")

            // Registering again (raw: the client caches what it registered) continues the numbering.
            (status, body) = try await Self.send("POST", url, "/subjects/users-value/versions", body: Self.register(Schemas.userV1))
            #expect(status == 200, "\(String(describing: body))")
            #expect(try await client.versions(subject: "users-value") == [3])
        }
        // The deletes live in the topic: a restarted registry sees the same.
        try await TestRegistry.with(cluster: cluster) { client, _ async throws in
            #expect(try await client.versions(subject: "users-value") == [3])
        }
    }

    @Test("a schema over the size limit is refused with 42201 and the limit")
    func oversizedSchema() async throws {
        let cluster = try TestRegistry.makeCluster()
        try await TestRegistry.with(cluster: cluster) { _, url async throws in
            let doc = String(repeating: "d", count: 1_000_000)
            let schema = "{\"type\": \"record\", \"name\": \"Big\", \"doc\": \"\(doc)\", \"fields\": []}"
            let (status, body) = try await Self.send("POST", url, "/subjects/big-value/versions", body: Self.register(schema))
            #expect(status == 422 && Self.errorCode(body) == 42201, "\(String(describing: body).prefix(300))")
            #expect(((body as? [String: Any])?["message"] as? String)?.contains("at most 900000") == true)
        }
    }

    @Test("on the embedded cluster, a write that would pass the topic's budget is refused, and what was acknowledged survives")
    func embeddedBudget() async throws {
        let cluster = try TestRegistry.makeCluster()
        let doc = String(repeating: "d", count: 600_000)
        let acknowledged: [Int] = try await TestRegistry.with(cluster: cluster) { _, url async throws in
            var ids: [Int] = []
            for index in 0..<12 {
                let schema = "{\"type\": \"record\", \"name\": \"Big\(index)\", \"doc\": \"\(doc)\", \"fields\": []}"
                let (status, body) = try await Self.send("POST", url, "/subjects/big-\(index)-value/versions", body: Self.register(schema))
                if status == 200, let id = (body as? [String: Any])?["id"] as? Int {
                    ids.append(id)
                    continue
                }
                #expect(status == 500 && Self.errorCode(body) == 50001, "\(String(describing: body))")
                #expect(((body as? [String: Any])?["message"] as? String)?.contains("refused, not written") == true)
                return ids
            }
            Issue.record("twelve 600 kB schemas were all acknowledged; the budget did not apply")
            return ids
        }
        #expect(acknowledged.count >= 5)
        try await TestRegistry.with(cluster: cluster) { client, _ async throws in
            for id in acknowledged { _ = try await client.schema(id: id) }
        }
    }
}

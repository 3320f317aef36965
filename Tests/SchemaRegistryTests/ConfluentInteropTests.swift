import Avro
import Foundation
import PythonInterop
import SchemaRegistry
import Testing

private struct User: Codable, Equatable {
    var id: Int64
    var name: String
}

@Suite(
    "Interop with Confluent's own Python client (confluent-kafka)", .tags(.slow),
    .enabled("Python's confluent-kafka package is not installed and PyPI cannot be reached to install it") {
        await ConfluentPython.shared.isUsable()
    })
struct ConfluentInteropTests {
    /// Drives Confluent's SchemaRegistryClient, AvroSerializer and AvroDeserializer against the registry, decodes the
    /// bytes the Swift serializer wrote, and prints its checks and its own serialized bytes as JSON.
    private static let script = #"""
        import json, sys
        from confluent_kafka.schema_registry import SchemaRegistryClient, Schema
        from confluent_kafka.schema_registry.error import SchemaRegistryError
        from confluent_kafka.schema_registry.avro import AvroSerializer, AvroDeserializer
        from confluent_kafka.serialization import SerializationContext, MessageField

        url, v1, v2, breaking, swift_hex = sys.argv[1:6]
        client = SchemaRegistryClient({"url": url})
        checks = {}
        def error_of(call):
            try:
                call()
                return None
            except SchemaRegistryError as error:
                return [error.http_status_code, error.error_code, error.error_message]

        v1_id = client.lookup_schema("interop-value", Schema(v1, "AVRO")).schema_id
        checks["lookup_schema finds the schema Swift registered"] = v1_id == int.from_bytes(bytes.fromhex(swift_hex)[1:5], "big")
        checks["get_schema"] = json.loads(client.get_schema(v1_id).schema_str) == json.loads(v1)
        checks["test_compatibility of a defaulted field"] = client.test_compatibility("interop-value", Schema(v2, "AVRO")) is True
        checks["test_compatibility of a breaking field"] = client.test_compatibility("interop-value", Schema(breaking, "AVRO")) is False
        conflict = error_of(lambda: client.register_schema("interop-value", Schema(breaking, "AVRO")))
        checks["409 naming the field"] = conflict is not None and conflict[0] == 409 and "'email'" in conflict[2]
        checks["40401"] = (error_of(lambda: client.get_latest_version("nobody")) or [0, 0])[1] == 40401
        checks["40402"] = (error_of(lambda: client.get_version("interop-value", 9)) or [0, 0])[1] == 40402
        checks["40403"] = (error_of(lambda: client.get_schema(9999)) or [0, 0])[1] == 40403
        client.set_compatibility("interop-value", "FULL")
        checks["get_compatibility"] = client.get_compatibility("interop-value") == "FULL"

        context = SerializationContext("interop", MessageField.VALUE)
        read_v2 = AvroDeserializer(client, v2)
        checks["Swift's v1 bytes read as v2"] = read_v2(bytes.fromhex(swift_hex), context) == {"id": 7, "name": "Lin", "country": "NL"}
        write_v2 = AvroSerializer(client, v2, conf={"auto.register.schemas": True})
        written = write_v2({"id": 300, "name": "Ada", "country": "SE"}, context)
        checks["get_versions after Python registered v2"] = client.get_versions("interop-value") == [1, 2]
        print(json.dumps({"checks": checks, "bytes": written.hex()}))
        """#

    private struct Report: Decodable {
        var checks: [String: Bool]
        var bytes: String
    }

    @Test("Confluent's client uses the embedded registry, and each side reads the other's wire-format bytes")
    func confluentClient() async throws {
        let python = try await ConfluentPython.shared.python()
        let cluster = try TestRegistry.makeCluster()
        try await TestRegistry.with(cluster: cluster) { client, url async throws in
            let v1 = try AvroSchema(parsing: Schemas.userV1)
            let serializer = try AvroSerializer(client: client, schema: v1, configuration: .development)
            let swiftBytes = try await serializer.serialize(User(id: 7, name: "Lin"), topic: "interop")

            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(TestRegistry.unique("interop"))
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let scriptURL = folder.appendingPathComponent("confluent_interop.py")
            try Data(Self.script.utf8).write(to: scriptURL)
            let hex = swiftBytes.map { String(format: "%02x", $0) }.joined()
            let result = try await ProcessRunner.run(
                python, [scriptURL.path, url.absoluteString, v1.jsonString, Schemas.userV2, Schemas.userBreaking, hex])
            try #require(result.status == 0, "the Python client failed: \(result.output)")
            let report = try JSONDecoder().decode(Report.self, from: result.stdout)
            #expect(report.checks.count == 11)
            for (name, passed) in report.checks.sorted(by: { $0.key < $1.key }) {
                #expect(passed, "Confluent's client: \(name)")
            }

            var pythonBytes: [UInt8] = []
            var index = report.bytes.startIndex
            while index < report.bytes.endIndex, let next = report.bytes.index(index, offsetBy: 2, limitedBy: report.bytes.endIndex) {
                pythonBytes.append(try #require(UInt8(report.bytes[index..<next], radix: 16)))
                index = next
            }
            let v2ID = try await client.version(.latest, subject: "interop-value").id
            #expect(try ConfluentWireFormat.schemaID(of: pythonBytes) == Int32(v2ID))
            #expect(try await AvroDeserializer(client: client, readerSchema: v1).deserialize(User.self, from: pythonBytes) == User(id: 300, name: "Ada"))
            #expect(try await AvroDeserializer(client: client).deserialize(pythonBytes)[field: "country"] == .string("SE"))
        }
    }
}

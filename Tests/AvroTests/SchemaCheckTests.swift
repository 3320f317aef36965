import Avro
import Foundation
import Testing

@Suite("schema check: exit codes and messages")
struct SchemaCheckTests {
    /// Writes schema files into a fresh temporary directory and returns their paths.
    func write(_ files: [String: String]) throws -> (directory: URL, paths: [String: String]) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("schema-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var paths: [String: String] = [:]
        for (name, text) in files {
            let url = directory.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            paths[name] = url.path
        }
        return (directory, paths)
    }

    @Test("compatible schemas exit 0")
    func compatible() async throws {
        let (directory, paths) = try write(["v1.avsc": CompatibilityTests.v1, "v2.avsc": CompatibilityTests.addedOptional])
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = await SchemaCheck.run(files: [try #require(paths["v1.avsc"]), try #require(paths["v2.avsc"])], level: "full")
        #expect(report.exitCode == 0)
        #expect(report.outcome == .compatible)
        #expect(report.lines.first?.hasPrefix("compatible:") == true)
    }

    @Test("incompatible schemas exit 1 with each reason, its path and its place in the file")
    func incompatible() async throws {
        let (directory, paths) = try write(["v1.avsc": CompatibilityTests.v1, "v2.avsc": CompatibilityTests.addedRequired])
        defer { try? FileManager.default.removeItem(at: directory) }
        let v1 = try #require(paths["v1.avsc"]), v2 = try #require(paths["v2.avsc"])
        let report = await SchemaCheck.run(files: [v1, v2], level: "BACKWARD")
        #expect(report.exitCode == 1)
        #expect(report.lines.count == 2)
        // The path points at the value of the field's "type" member.
        let text = CompatibilityTests.addedRequired
        let member = try #require(text.range(of: #"{"name":"email","type":"#))
        let column = text.distance(from: text.startIndex, to: member.upperBound) + 1
        #expect(report.lines.last == "  \(v2) cannot read data written with \(v1): "
            + "/fields/2/type: reader field 'email' has no default and is missing from the writer (\(v2):1:\(column))")
    }

    @Test("an invalid schema exits 2 naming the file, line, column and JSON path")
    func invalidSchema() async throws {
        let bad = "{\"type\":\"record\",\"name\":\"User\",\"fields\":[\n  {\"name\":\"id\",\"type\":\"long\"},\n  {\"name\":\"name\",\"type\":\"strng\"}\n]}"
        let (directory, paths) = try write(["v1.avsc": CompatibilityTests.v1, "bad.avsc": bad])
        defer { try? FileManager.default.removeItem(at: directory) }
        let badPath = try #require(paths["bad.avsc"])
        let report = await SchemaCheck.run(files: [try #require(paths["v1.avsc"]), badPath], level: "backward")
        #expect(report.exitCode == 2)
        #expect(report.lines == [
            "error: \(badPath):3:25: /fields/1/type: invalid schema: unknown type 'strng'; use a primitive type or a named type defined earlier (defined so far: User)",
        ])
    }

    @Test("broken JSON, missing files, too few files and unknown levels exit 2")
    func otherErrors() async throws {
        let (directory, paths) = try write(["v1.avsc": CompatibilityTests.v1, "broken.avsc": "{\"type\": \"record\",\n  \"name\": }"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let v1 = try #require(paths["v1.avsc"]), broken = try #require(paths["broken.avsc"])
        let json = await SchemaCheck.run(files: [v1, broken], level: "backward")
        #expect(json.exitCode == 2)
        #expect(json.lines.first?.hasPrefix("error: \(broken):2:11: invalid JSON:") == true)
        let missing = await SchemaCheck.run(files: [v1, directory.appendingPathComponent("none.avsc").path], level: "backward")
        #expect(missing.exitCode == 2)
        #expect(missing.lines.first?.contains("no such file") == true)
        #expect(await SchemaCheck.run(files: [v1], level: "backward").exitCode == 2)
        let level = await SchemaCheck.run(files: [v1, v1], level: "sideways")
        #expect(level.exitCode == 2)
        #expect(level.lines.first?.contains("BACKWARD_TRANSITIVE") == true)
    }

    @Test("transitive levels take more than two files, the last being the new one")
    func transitiveFiles() async throws {
        let v3 = #"{"type":"record","name":"User","fields":[{"name":"id","type":"long"},{"name":"name","type":"string"},{"name":"email","type":["null","string"]}]}"#
        let (directory, paths) = try write(["v1.avsc": CompatibilityTests.v1, "v2.avsc": CompatibilityTests.addedOptional, "v3.avsc": v3])
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try ["v1.avsc", "v2.avsc", "v3.avsc"].map { try #require(paths[$0]) }
        #expect(await SchemaCheck.run(files: files, level: "BACKWARD").exitCode == 0)
        let transitive = await SchemaCheck.run(files: files, level: "BACKWARD_TRANSITIVE")
        #expect(transitive.exitCode == 1)
        #expect(transitive.lines.dropFirst().allSatisfy { $0.contains("written with \(files[0])") })
        #expect(await SchemaCheck.run(files: files, level: "none").exitCode == 0)
    }
}

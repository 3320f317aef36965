import KafkaSkillModel
import Foundation
import Testing
@testable import SkillKit

@Suite("Bundle links, contents lists and assets")
struct BundleLinterTests {
    func bundle(_ files: [String: String]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("linter-\(UUID().uuidString)/kafka-events")
        for (path, text) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return directory
    }

    let skillHead = "---\nname: kafka-events\ndescription: Builds things.\n---\n# Skill\n"

    @Test("A link whose case differs from the file is reported")
    func wrongCase() throws {
        let directory = try bundle([
            "SKILL.md": skillHead + "Read [guide](references/Guide.md).\n",
            "references/guide.md": "# Guide\n",
        ])
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        let messages = BundleLinter().lint(directory: directory).map(\.description).joined(separator: "\n")
        #expect(messages.contains("SKILL.md:6:"))
        #expect(messages.contains("does not resolve to a file with exactly this case"))
        #expect(messages.contains("references/guide.md is not linked from SKILL.md"))
    }

    @Test("Links leaving the bundle and nested reference chains are reported; code spans are ignored")
    func depthAndEscape() throws {
        let directory = try bundle([
            "SKILL.md": skillHead + "Read [a](references/a.md). Not a link: `[x](nowhere.md)`\n",
            "references/a.md": "# A\nSee [b](b.md) and [up](../../outside.md).\n",
            "references/b.md": "# B\n",
        ])
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        let messages = BundleLinter().lint(directory: directory).map(\.description).joined(separator: "\n")
        #expect(messages.contains("leaves the bundle"))
        #expect(messages.contains("'references/b.md' is reached only through another reference"))
        #expect(!messages.contains("nowhere.md"))
    }

    @Test("A reference over 100 lines needs a Contents list first")
    func contentsList() throws {
        let long = "# Long\n\n## Section\n" + Array(repeating: "text", count: 120).joined(separator: "\n") + "\n"
        let withContents = "# Long\n\n## Contents\n\n- Section\n\n## Section\n" + Array(repeating: "text", count: 120).joined(separator: "\n") + "\n"
        let directory = try bundle([
            "SKILL.md": skillHead + "[l](references/long.md) [c](references/ok.md)\n",
            "references/long.md": long,
            "references/ok.md": withContents,
        ])
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        let findings = BundleLinter().lint(directory: directory)
        #expect(findings.count == 1)
        #expect(findings.first?.location.file.hasSuffix("references/long.md") == true)
        #expect(findings.first?.message.contains("## Contents") == true)
    }

    @Test("Every YAML, JSON and properties file under assets parses")
    func assetsParse() throws {
        let directory = try bundle([
            "SKILL.md": skillHead,
            "assets/good.yaml": "a: 1\n---\nb: 2\n",
            "assets/bad.yaml": "a: [1, 2\n",
            "assets/bad.json": "{\"a\": }",
            "assets/good.json": "{\"a\": 1}",
            "assets/bad.properties": "# comment\nacks=all\njust words\n",
        ])
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        let findings = BundleLinter().lint(directory: directory)
        let files = Set(findings.map { ($0.location.file as NSString).lastPathComponent })
        #expect(files == ["bad.yaml", "bad.json", "bad.properties"])
        #expect(findings.first { $0.location.file.hasSuffix("bad.properties") }?.location.line == 3)
    }
}

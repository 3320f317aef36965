import Foundation
import Testing
@testable import SkillKit

/// A page states only what exists: missing examples render as pending, and lint fails on text that names
/// a file, example, asset, command or check that is not there, on oversized fields and files, on a region
/// defined twice, and on paths the bundle no longer holds.
@Suite("Honest claims: pending rendering and lint of claims, sizes, regions and mentions")
struct HonestClaimsTests {
    static func runLesson(_ example: String) -> String {
        """
        verify:
          kind: run
          examples: [\(example)]
          faults: [leader-move]
          assertions: [no-lost-writes]
        """
    }

    @Test("A verify plan whose example is missing renders as pending; an existing one renders as run")
    func pendingRendering() throws {
        let fixture = try CourseFixture()
        defer { fixture.remove() }
        let lesson = CourseFixture.lesson(id: "alpha", number: 1).replacingOccurrences(of: "verify:\n  kind: concept", with: Self.runLesson("ghost-service"))
        try fixture.write(CourseFixture.fileName("alpha", 1), lesson)
        let pending = try BundleRenderer().render(try fixture.load())
        let page = try #require(pending.first { $0.path == "references/basics.md" }?.contents)
        #expect(page.contains("*Verification:* pending. `examples/ghost-service` does not exist yet"))
        #expect(!page.contains("`kafka-skill verify` runs ghost-service"))

        try fixture.write("examples/ghost-service/Package.swift", "// swift-tools-version:6.0\n")
        let ready = try BundleRenderer().render(try fixture.load())
        let readyPage = try #require(ready.first { $0.path == "references/basics.md" }?.contents)
        #expect(readyPage.contains("`kafka-skill verify` runs ghost-service under leader-move and checks no-lost-writes."))
    }

    @Test("Lint reports text naming a missing file, an unknown command, assets that are not shipped and a CRD check that does not exist")
    func claims() throws {
        let fixture = try CourseFixture()
        defer { fixture.remove() }
        try fixture.write("examples/real/Package.swift", "// swift-tools-version:6.0\n")
        let extra = """
            decisions:
              - id: claims
                title: Claims
                question: What is claimed?
                columns: [Claim, Text]
                rows:
                  - [file, See examples/real/Package.swift and examples/missing/Sources/Main.swift.]
                  - [command, Run kafka-skill frobnicate before kafka-skill lint.]
                  - [assets, lint parses the manifests shipped under assets/.]
                  - [crd, The manifests are validated offline by lint against the Strimzi CRD schemas.]
                  - [placeholder, Files like examples/<service>/Package.swift and lessons/NN-slug.yaml are patterns.]
            """
        try fixture.write(CourseFixture.fileName("alpha", 1), CourseFixture.lesson(id: "alpha", number: 1, extra: extra))
        try fixture.write("skills/kafka-events/assets/presets/p.properties", "a=b\n")
        var linter = SpecLinter(lessonsDirectory: fixture.lessons)
        linter.bundleDirectory = fixture.bundle
        linter.commands = ["generate", "lint"]
        let messages = linter.lint().findings.map(\.description)
        #expect(messages.filter { $0.contains("examples/missing/Sources/Main.swift, which does not exist") }.count == 1)
        #expect(!messages.contains { $0.contains("examples/real") || $0.contains("<service>") || $0.contains("NN-slug") })
        #expect(messages.contains { $0.contains("`kafka-skill frobnicate`, which is not a command") })
        #expect(!messages.contains { $0.contains("`kafka-skill lint`") })
        #expect(messages.contains { $0.contains("a tool checks files under assets/, but the bundle's assets/ holds only presets") })
        #expect(messages.contains { $0.contains("validated against CRD schemas, but no check does that yet") })
        #expect(messages.allSatisfy { $0.hasPrefix("lessons/01-alpha.yaml:") })

        linter.capabilities = ["crd-validation"]
        try fixture.write("skills/kafka-events/assets/strimzi/kafka.yaml", "kind: Kafka\n")
        let after = linter.lint().findings.map(\.description)
        #expect(!after.contains { $0.contains("CRD") || $0.contains("under assets/") })
    }

    @Test("Lint fails a spec field longer than the limit")
    func longField() throws {
        let fixture = try CourseFixture()
        defer { fixture.remove() }
        let long = String(repeating: "word ", count: 600)
        let lesson = CourseFixture.lesson(id: "alpha", number: 1).replacingOccurrences(of: "text: A surprising fact.", with: "text: \(long)")
        try fixture.write(CourseFixture.fileName("alpha", 1), lesson)
        let findings = SpecLinter(lessonsDirectory: fixture.lessons).lint().findings
        #expect(findings.contains { $0.severity == .error && $0.message.contains("characters; keep each under 2000") })
    }

    @Test("A region defined twice in one file is refused")
    func duplicateRegion() throws {
        let fixture = try CourseFixture()
        defer { fixture.remove() }
        try fixture.write("examples/a/Main.swift", "// region: send\nlet a = 1\n// endregion\n// region: send\nlet b = 2\n// endregion\n")
        let extra = "code:\n  - file: examples/a/Main.swift\n    region: send\n"
        try fixture.write(CourseFixture.fileName("alpha", 1), CourseFixture.lesson(id: "alpha", number: 1, extra: extra))
        let messages = fixture.errors().map(\.description)
        #expect(messages.contains { $0.contains("the region is defined 2 times (lines 1, 4)") })
    }

    func bundle(_ files: [String: String]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("claims-\(UUID().uuidString)/kafka-events")
        for (path, text) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return directory
    }

    @Test("A path named in SKILL.md's text that the bundle no longer holds is an error, as after deleting a lesson")
    func mentionedPathGone() throws {
        let head = "---\nname: kafka-events\ndescription: Builds things.\n---\n# Skill\n"
        let directory = try bundle([
            "SKILL.md": head + "Read [a](references/a.md). When in doubt read references/gone.md and `assets/presets/x.properties`.\n",
            "references/a.md": "# A\n",
        ])
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        let messages = BundleLinter().lint(directory: directory).map(\.description)
        #expect(messages.contains { $0.contains("SKILL.md:6:") && $0.contains("references/gone.md, which is not in the bundle") })
        #expect(messages.contains { $0.contains("assets/presets/x.properties, which is not in the bundle") })
        #expect(!messages.contains { $0.contains("references/a.md") })
    }

    @Test("A reference far over the size guidance is an error; a large one is a warning")
    func sizes() throws {
        let head = "---\nname: kafka-events\ndescription: Builds things.\n---\n# Skill\n[b](references/big.md) [h](references/huge.md)\n"
        let big = "# Big\n" + String(repeating: "x", count: 4 * 12_000)
        let huge = "# Huge\n" + String(repeating: "x", count: 4 * 30_000)
        let directory = try bundle(["SKILL.md": head, "references/big.md": big, "references/huge.md": huge])
        defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
        let findings = BundleLinter().lint(directory: directory)
        #expect(findings.contains { $0.severity == .warning && $0.location.file.hasSuffix("big.md") && $0.message.contains("tokens") })
        #expect(findings.contains { $0.severity == .error && $0.location.file.hasSuffix("huge.md") && $0.message.contains("the limit is 25000") })
    }
}

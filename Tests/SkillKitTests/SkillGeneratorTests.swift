import Foundation
import Testing
@testable import SkillKit

@Suite("Generating, swapping and checking the bundle")
struct SkillGeneratorTests {
    func generator(_ fixture: CourseFixture) -> SkillGenerator {
        SkillGenerator(lessonsDirectory: fixture.lessons, outputDirectory: fixture.bundle)
    }

    @Test("Generate writes the bundle, and check is clean right after")
    func generateThenCheck() throws {
        let fixture = try CourseFixture()
        defer { fixture.remove() }
        try fixture.write(CourseFixture.fileName("one", 1), CourseFixture.lesson(id: "one", number: 1))
        let files = try generator(fixture).generate()
        #expect(files.map(\.path) == ["SKILL.md", "references/basics.md"])
        #expect(try generator(fixture).check().isEmpty)
        #expect(SkillValidator().validate(directory: fixture.bundle).isEmpty)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixture.bundle.deletingLastPathComponent().path)
        #expect(leftovers == ["kafka-events"])
    }

    @Test("Check reports changed, missing and extra files with the first differing line")
    func checkReportsStaleness() throws {
        let fixture = try CourseFixture()
        defer { fixture.remove() }
        try fixture.write(CourseFixture.fileName("one", 1), CourseFixture.lesson(id: "one", number: 1))
        try generator(fixture).generate()
        try fixture.write("skills/kafka-events/extra.md", "stray\n")
        try FileManager.default.removeItem(at: fixture.bundle.appendingPathComponent("references/basics.md"))
        let skill = fixture.bundle.appendingPathComponent("SKILL.md")
        let edited = try String(contentsOf: skill, encoding: .utf8).replacingOccurrences(of: "# Test skill", with: "# Edited by hand")
        try Data(edited.utf8).write(to: skill)
        let diff = try generator(fixture).check()
        #expect(diff.missing == ["references/basics.md"])
        #expect(diff.extra == ["extra.md"])
        #expect(diff.changed.map(\.path) == ["SKILL.md"])
        #expect(diff.changed.first?.actual == "# Edited by hand")
        #expect(diff.changed.first?.expected == "# Test skill")
        #expect(diff.summary.contains("changed  SKILL.md: 1 line(s) differ, first at line"))
    }

    @Test("A failed generation leaves the previous bundle intact and no temporary folders behind")
    func failureKeepsPreviousBundle() throws {
        let fixture = try CourseFixture()
        defer { fixture.remove() }
        try fixture.write(CourseFixture.fileName("one", 1), CourseFixture.lesson(id: "one", number: 1))
        try generator(fixture).generate()
        let before = try BundleDiff.files(in: fixture.bundle)
        try fixture.write(CourseFixture.fileName("one", 1), "id: one\nnumber: [\n")
        #expect(throws: SkillKitError.self) { try generator(fixture).generate() }
        #expect(try BundleDiff.files(in: fixture.bundle) == before)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: fixture.bundle.deletingLastPathComponent().path)
        #expect(siblings == ["kafka-events"])
    }

    @Test("The writer replaces the folder's whole content and refuses paths outside it")
    func writerReplacesAndGuards() throws {
        let fixture = try CourseFixture()
        defer { fixture.remove() }
        // Files that do not make a bundle: only a writer told to replace anything overwrites them.
        let writer = BundleWriter(replacingAnything: true)
        try writer.write([BundleFile(path: "a.md", contents: "a\n"), BundleFile(path: "old.md", contents: "x\n")], to: fixture.bundle)
        #expect(throws: SkillKitError.self) { try BundleWriter().write([BundleFile(path: "a.md", contents: "c\n")], to: fixture.bundle) }
        try writer.write([BundleFile(path: "a.md", contents: "b\n")], to: fixture.bundle)
        #expect(try BundleDiff.files(in: fixture.bundle) == ["a.md": "b\n"])
        #expect(throws: SkillKitError.self) {
            try writer.write([BundleFile(path: "../escape.md", contents: "x")], to: fixture.bundle)
        }
        #expect(try BundleDiff.files(in: fixture.bundle) == ["a.md": "b\n"])
    }

    @Test("The output folder must carry the skill's name")
    func folderMustMatchName() throws {
        let fixture = try CourseFixture()
        defer { fixture.remove() }
        try fixture.write(CourseFixture.fileName("one", 1), CourseFixture.lesson(id: "one", number: 1))
        let wrong = SkillGenerator(lessonsDirectory: fixture.lessons, outputDirectory: fixture.root.appendingPathComponent("skills/other"))
        #expect(throws: SkillKitError.self) { try wrong.generate() }
        #expect(!FileManager.default.fileExists(atPath: fixture.root.appendingPathComponent("skills/other").path))
    }

    @Test("Long reference pages get a Contents list; presets render as commented properties")
    func renderingDetails() throws {
        let fixture = try CourseFixture()
        defer { fixture.remove() }
        let preset = """
            presets:
              - id: producer-at-least-once
                role: producer
                guarantee: at-least-once
                summary: Safe producer.
                properties:
                  - key: acks
                    value: all
                    why: Wait for all in-sync replicas.
            """
        try fixture.write(CourseFixture.fileName("one", 1), CourseFixture.lesson(id: "one", number: 1, extra: preset))
        for number in 2...9 {
            try fixture.write(CourseFixture.fileName("l\(number)", number), CourseFixture.lesson(id: "l\(number)", number: number))
        }
        let files = try generator(fixture).render()
        let page = try #require(files.first { $0.path == "references/basics.md" }?.contents)
        let lines = page.components(separatedBy: "\n")
        #expect(lines.count > 100)
        #expect(lines.first { $0.hasPrefix("## ") } == "## Contents")
        let properties = try #require(files.first { $0.path == "assets/presets/producer-at-least-once.properties" }?.contents)
        #expect(properties.contains("# Wait for all in-sync replicas.\nacks=all\n"))
        let skill = try #require(files.first { $0.path == "SKILL.md" }?.contents)
        #expect(skill.contains("[producer-at-least-once](assets/presets/producer-at-least-once.properties)"))
    }
}

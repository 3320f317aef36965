import Foundation
import Testing
@testable import SkillKit

/// `generate` must never destroy what is not its own, nor read what lies outside the project.
@Suite("Generate: hostile targets and links")
struct HostileGenerateTests {
    func generator(_ fixture: CourseFixture) -> SkillGenerator {
        SkillGenerator(lessonsDirectory: fixture.lessons, outputDirectory: fixture.bundle)
    }

    @Test("a folder of the user's files, or a regular file, at --out is refused and left as it was")
    func refusesForeignTargets() throws {
        let fixture = try CourseFixture()
        defer { fixture.remove() }
        try fixture.write(CourseFixture.fileName("one", 1), CourseFixture.lesson(id: "one", number: 1))

        try fixture.write("skills/kafka-events/notes.txt", "my notes\n")
        #expect(throws: SkillKitError.self) { try generator(fixture).generate() }
        #expect(try String(contentsOf: fixture.bundle.appendingPathComponent("notes.txt"), encoding: .utf8) == "my notes\n")

        try FileManager.default.removeItem(at: fixture.bundle)
        try fixture.write("skills/kafka-events", "a file\n")
        let refusal = #expect(throws: SkillKitError.self) { try generator(fixture).generate() }
        #expect(refusal?.description.contains("--force") == true, "\(String(describing: refusal))")
        #expect(try String(contentsOf: fixture.bundle, encoding: .utf8) == "a file\n")

        // --force replaces it; an existing bundle is replaced without it.
        try generator(fixture).generate(force: true)
        try generator(fixture).generate()
        #expect(FileManager.default.fileExists(atPath: fixture.bundle.appendingPathComponent("SKILL.md").path))
    }

    @Test("a bundle with a stray entry is refused; an empty folder is accepted")
    func strayEntries() throws {
        let fixture = try CourseFixture()
        defer { fixture.remove() }
        try fixture.write(CourseFixture.fileName("one", 1), CourseFixture.lesson(id: "one", number: 1))
        try FileManager.default.createDirectory(at: fixture.bundle, withIntermediateDirectories: true)
        try generator(fixture).generate()
        try fixture.write("skills/kafka-events/private/key.pem", "secret\n")
        #expect(throws: SkillKitError.self) { try generator(fixture).generate() }
        #expect(FileManager.default.fileExists(atPath: fixture.bundle.appendingPathComponent("private/key.pem").path))
    }

    @Test("a code reference that is a symbolic link out of the project is refused, not embedded")
    func symlinkedCodeFile() throws {
        let fixture = try CourseFixture()
        defer { fixture.remove() }
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString).swift")
        try Data("// region: send\nlet secret = 1\n// endregion\n".utf8).write(to: outside)
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createDirectory(at: fixture.root.appendingPathComponent("examples"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: fixture.root.appendingPathComponent("examples/Main.swift").path, withDestinationPath: outside.path)
        let code = "code:\n  - file: examples/Main.swift\n    region: send\n"
        try fixture.write(CourseFixture.fileName("one", 1), CourseFixture.lesson(id: "one", number: 1, extra: code))
        let errors = fixture.errors()
        guard case .danglingRegion(_, _, "send", let reason)? = errors.first else {
            Issue.record("expected the link to be refused, got \(errors)")
            return
        }
        #expect(reason.contains("outside the project root"))
    }
}

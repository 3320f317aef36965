import Foundation
import KafkaSkillModel
import Testing
import Yams

@Suite("Locations and diagnostics")
struct DiagnosticTests {
    @Test("an unknown line or column is 0 and left out of the text")
    func unknownParts() {
        #expect(SourceLocation(file: "a.yaml").description == "a.yaml")
        #expect(SourceLocation(file: "a.yaml", line: 3).description == "a.yaml:3")
        #expect(SourceLocation(file: "a.yaml", line: 3, column: 7).description == "a.yaml:3:7")
        #expect(SourceLocation(file: "a.yaml", line: -2, column: -1) == SourceLocation(file: "a.yaml"))
    }

    @Test("a diagnostic prints like a compiler message, with its hint on the next line")
    func diagnosticText() {
        let plain = Diagnostic(.warning, "field x is not used", at: SourceLocation(file: "s.yaml", line: 2, column: 5))
        #expect(plain.description == "s.yaml:2:5: warning: field x is not used")
        let hinted = Diagnostic(.error, "unknown key 'topc'", at: SourceLocation(file: "s.yaml", line: 4, column: 1), hint: "did you mean 'topic'?")
        #expect(hinted.description == "s.yaml:4:1: error: unknown key 'topc'\n  hint: did you mean 'topic'?")
    }

    @Test("several diagnostics are listed by position with a count")
    func report() {
        var diagnostics = Diagnostics()
        diagnostics.append(Diagnostic(.error, "second", at: SourceLocation(file: "a.yaml", line: 9, column: 1)))
        diagnostics.append(Diagnostic(.warning, "first", at: SourceLocation(file: "a.yaml", line: 2, column: 3)))
        diagnostics.append(Diagnostic(.error, "other file", at: SourceLocation(file: "b.yaml", line: 1, column: 1)))
        #expect(diagnostics.hasErrors)
        #expect(diagnostics.description == """
            a.yaml:2:3: warning: first
            a.yaml:9:1: error: second
            b.yaml:1:1: error: other file
            2 errors, 1 warning
            """)
        #expect(!Diagnostics([Diagnostic(.note, "n", at: SourceLocation(file: "x"))]).hasErrors)
    }
}

@Suite("YAML with positions")
struct YAMLSourceTests {
    @Test("nodes keep their line and column")
    func nodePositions() throws {
        let source = YAMLSource(file: "lessons/01-a.yaml")
        let root = try #require(try source.compose("id: a\nverify:\n  kind: run\n"))
        let kind = try #require(root["verify"]?["kind"])
        #expect(source.location(of: kind).description == "lessons/01-a.yaml:3:9")
    }

    @Test("a syntax error is a diagnostic at its position")
    func syntaxError() {
        let source = YAMLSource(file: "specs/x.yaml")
        #expect {
            _ = try source.compose("a: 1\nb: [1, 2\nc: 3\n")
        } throws: { error in
            guard let diagnostic = error as? Diagnostic else { return false }
            return diagnostic.severity == .error && diagnostic.location.file == "specs/x.yaml" && diagnostic.location.line > 1
        }
    }

    @Test("a key given twice is named")
    func duplicateKey() {
        #expect {
            _ = try YAMLSource(file: "x.yaml").compose("a: 1\na: 2\n")
        } throws: { error in
            (error as? Diagnostic)?.message == "the key a appears twice in one mapping"
        }
    }

    @Test("an empty file is an error only when a document is required")
    func emptyFile() throws {
        #expect(try YAMLSource(file: "x.yaml").compose("") == nil)
        #expect(throws: Diagnostic.self) { try YAMLSource(file: "x.yaml").composeDocument("# nothing\n") }
    }
}

@Suite("Atomic writes")
struct AtomicFileTests {
    @Test("a write replaces the file and leaves no temporary file")
    func replaces() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("model-atomic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("nested/out.txt")
        try AtomicFile.write("one", to: file)
        try AtomicFile.write("two", to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: file.deletingLastPathComponent().path) == ["out.txt"])
    }

    @Test("a failed write names the file and the step")
    func failure() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("model-atomic-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // A folder where the file should be: the rename cannot replace it.
        let target = folder.appendingPathComponent("taken")
        try FileManager.default.createDirectory(at: target.appendingPathComponent("inside"), withIntermediateDirectories: true)
        #expect {
            try AtomicFile.write("x", to: target)
        } throws: { error in
            guard let error = error as? ModelError else { return false }
            return error.code == .writeFailed && error.path == target.path && error.operation == "replace"
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["taken"])
    }
}

import Foundation
import Testing
@testable import Scaffold
import KafkaSkillModel

@Suite("Line diffs and three-way merges")
struct ThreeWayMergeTests {
    let base = "import Kafka\n\nstruct Settings {\n    var retries = 3\n    var backoff = 200\n}\n\nfunc process() {\n    work()\n}\n"

    @Test("edits to different lines are both kept")
    func disjointEdits() {
        let yours = base.replacingOccurrences(of: "    work()\n", with: "    work()\n    audit()\n")
        let theirs = base.replacingOccurrences(of: "retries = 3", with: "retries = 5")
        let merge = ThreeWayMerge(base: base, yours: yours, theirs: theirs)
        #expect(merge.conflictCount == 0)
        #expect(merge.text == yours.replacingOccurrences(of: "retries = 3", with: "retries = 5"))
    }

    @Test("the same edit on both sides is taken once; one side's edit alone is taken")
    func sameEditAndOneSided() {
        let edited = base.replacingOccurrences(of: "backoff = 200", with: "backoff = 500")
        #expect(ThreeWayMerge(base: base, yours: edited, theirs: edited).text == edited)
        #expect(ThreeWayMerge(base: base, yours: base, theirs: edited).text == edited)
        #expect(ThreeWayMerge(base: base, yours: edited, theirs: base).text == edited)
    }

    @Test("different edits to the same line are a conflict between diff3-style markers")
    func conflict() {
        let yours = base.replacingOccurrences(of: "retries = 3", with: "retries = 10")
        let theirs = base.replacingOccurrences(of: "retries = 3", with: "retries = 5")
        let merge = ThreeWayMerge(base: base, yours: yours, theirs: theirs)
        #expect(merge.conflictCount == 1)
        #expect(merge.text.contains("""
            <<<<<<< yours (the file on disk)
                var retries = 10
            ||||||| previous scaffold
                var retries = 3
            =======
                var retries = 5
            >>>>>>> new scaffold

            """))
        #expect(merge.text.hasPrefix("import Kafka\n\nstruct Settings {\n"))
        #expect(merge.text.hasSuffix("    var backoff = 200\n}\n\nfunc process() {\n    work()\n}\n"))
    }

    @Test("a last line without a line break still gets its markers on lines of their own")
    func missingFinalNewline() {
        let merge = ThreeWayMerge(base: "a\nb", yours: "a\nmine", theirs: "a\ntheirs")
        #expect(merge.text == "a\n<<<<<<< yours (the file on disk)\nmine\n||||||| previous scaffold\nb\n=======\ntheirs\n>>>>>>> new scaffold\n")
    }

    @Test("clean merges agree with diff3 -m on randomly edited texts")
    func agreesWithDiff3() throws {
        let folder = try TestSupport.temporaryFolder("merge")
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = SeededGenerator(seed: 42)
        var compared = 0
        for round in 0..<60 {
            let original = (0..<30).map { "line \($0 % 7) \($0)" }
            let yours = Self.edit(original, using: &generator)
            let theirs = Self.edit(original, using: &generator)
            let texts = [original, yours, theirs].map { $0.joined(separator: "\n") + "\n" }
            let merge = ThreeWayMerge(base: texts[0], yours: texts[1], theirs: texts[2])
            let paths = try ["base", "yours", "theirs"].enumerated().map { index, name in
                try TestSupport.write(texts[index], to: "\(round)-\(name)", in: folder).path
            }
            let (status, output) = try Self.run("/usr/bin/diff3", ["-m", paths[1], paths[0], paths[2]])
            // diff3 exits 1 on conflicts; only clean merges are comparable line for line.
            guard status == 0 else { continue }
            #expect(merge.conflictCount == 0, "diff3 merged round \(round) cleanly but we found a conflict")
            #expect(merge.text == output, "round \(round)")
            compared += 1
        }
        #expect(compared >= 10, "too few clean merges to compare (\(compared))")
    }

    /// Replaces, deletes or inserts a few lines.
    static func edit(_ lines: [String], using generator: inout SeededGenerator) -> [String] {
        var result = lines
        for _ in 0..<Int.random(in: 1...3, using: &generator) {
            let index = Int.random(in: 0..<result.count, using: &generator)
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: result[index] = "changed \(Int.random(in: 0..<1000, using: &generator))"
            case 1: result.remove(at: index)
            default: result.insert("added \(Int.random(in: 0..<1000, using: &generator))", at: index)
            }
        }
        return result
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

@Suite("Unified diffs")
struct UnifiedDiffTests {
    @Test("hunks match diff -u on randomly edited texts")
    func agreesWithDiff() throws {
        let folder = try TestSupport.temporaryFolder("diff")
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = SeededGenerator(seed: 7)
        for round in 0..<40 {
            let original = (0..<40).map { "line \($0)" }
            let edited = ThreeWayMergeTests.edit(ThreeWayMergeTests.edit(original, using: &generator), using: &generator)
            let old = original.joined(separator: "\n") + "\n"
            let new = edited.joined(separator: "\n") + "\n"
            let oldPath = try TestSupport.write(old, to: "\(round)-old", in: folder).path
            let newPath = try TestSupport.write(new, to: "\(round)-new", in: folder).path
            let (_, expected) = try ThreeWayMergeTests.run("/usr/bin/diff", ["-u", oldPath, newPath])
            let ours = UnifiedDiff.between(old, new, path: "file")
            // The two header lines name the files differently; the hunks must be identical.
            let hunks = { (text: String) in text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2).joined(separator: "\n") }
            #expect(hunks(ours) == hunks(expected), "round \(round)")
        }
    }

    @Test("new and removed files diff against /dev/null; equal texts give no diff")
    func wholeFiles() {
        #expect(UnifiedDiff.between(nil, "a\nb\n", path: "x") == "--- /dev/null\n+++ b/x\n@@ -0,0 +1,2 @@\n+a\n+b\n")
        #expect(UnifiedDiff.between("a\n", nil, path: "x") == "--- a/x\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n")
        #expect(UnifiedDiff.between("same\n", "same\n", path: "x").isEmpty)
    }
}

/// A small deterministic random number generator (SplitMix64), so that random tests repeat.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

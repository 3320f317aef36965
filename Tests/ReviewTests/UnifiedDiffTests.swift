import Foundation
@testable import Review
import Testing
import KafkaSkillModel

@Suite("Unified diffs that git apply accepts")
struct UnifiedDiffTests {
    @Test("identical texts give no diff")
    func identical() {
        #expect(UnifiedDiff.between("a\nb\n", "a\nb\n", path: "x.yaml").isEmpty)
    }

    @Test("a one-line change shows three lines of context and 1-based ranges")
    func smallChange() {
        let old = (1...10).map { "line \($0)\n" }.joined()
        let new = old.replacingOccurrences(of: "line 5\n", with: "line five\n")
        #expect(UnifiedDiff.between(old, new, path: "lessons/01-a.yaml") == """
            --- a/lessons/01-a.yaml
            +++ b/lessons/01-a.yaml
            @@ -2,7 +2,7 @@
             line 2
             line 3
             line 4
            -line 5
            +line five
             line 6
             line 7
             line 8

            """)
    }

    @Test("git apply turns the old text into the new", arguments: [
        ("a\nb\nc\n", "a\nB\nc\n"),
        ("a\nb\nc\n", "x\na\nb\nc\n"),
        ("a\nb\nc\n", "a\nb\nc\nd\n"),
        ("a\nb\nc", "a\nb\nc\n"),
        ("a\nb\nc\n", "a\nb\nC"),
        ("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n", "1\nTWO\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\nFOURTEEN\n15\n16\n"),
        ("only\n", ""),
        ("", "new\n"),
    ])
    func applies(old: String, new: String) throws {
        let folder = try TemporaryDirectory()
        let file = try folder.write(old, to: "lessons/01-a.yaml")
        let diff = UnifiedDiff.between(old, new, path: "lessons/01-a.yaml")
        try #require(!diff.isEmpty)
        let patch = try folder.write(diff, to: "change.patch")
        try GitApply.apply(patch, in: folder.url)
        #expect(try String(contentsOf: file, encoding: .utf8) == new)
    }
}

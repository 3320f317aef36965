import KafkaSkillModel
import Testing

@Suite("Unified diff")
struct UnifiedDiffTests {
    @Test("a last line without a newline is marked as diff marks it")
    func missingNewline() {
        #expect(UnifiedDiff.between("a\nb", "a\nc", path: "x") == """
            --- a/x
            +++ b/x
            @@ -1,2 +1,2 @@
             a
            -b
            \\ No newline at end of file
            +c
            \\ No newline at end of file

            """)
    }

    @Test("Myers' script keeps the longest common run of lines")
    func longestCommon() {
        let diff = LineDiff(old: "a\nb\nc\nd\n".linesKeepingBreaks, new: "b\nc\nx\nd\n".linesKeepingBreaks)
        #expect(diff.matches.map { [$0.old, $0.new] } == [[1, 0], [2, 1], [3, 3]])
    }
}

import Testing
@testable import KafkaSkillCLI
import Verify

@Suite("The verify progress board")
struct ProgressBoardTests {
    @Test("the progress board shows a live line per lesson and a closing line with the verdict")
    func progressBoard() {
        var board = ProgressBoard()
        #expect(board.apply(.lessonStarted(number: 8, title: "Consumers")) == .live("lesson 08 Consumers  starting"))
        #expect(board.apply(.phase(number: 8, .running)) == .live("lesson 08 Consumers  running"))
        let counters = ProgressCounters(sent: 10, acked: 9, read: 7, faultsFired: 1, planned: 20)
        #expect(board.apply(.counters(number: 8, counters)) == .live("lesson 08 Consumers  running  sent 10 acked 9/20 read 7  faults 1"))
        #expect(board.apply(.fault(number: 8, "leader-move: moved")) == .permanent("  lesson 08 fault: leader-move: moved"))
        _ = board.apply(.lessonStarted(number: 9, title: "Groups"))
        #expect(board.compactLine == "08 running 9/20 read 7 f1 · 09 starting")
        let result = LessonResult(number: 8, id: "c", title: "Consumers", kind: .run, status: .needsRealCluster, summary: "s", seconds: 3)
        #expect(board.apply(.lessonFinished(result)) == .permanent("PART lesson 08 Consumers (3s): s"))
    }
}

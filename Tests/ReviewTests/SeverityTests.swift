import Review
import Testing

@Suite("Severity")
struct SeverityTests {
    @Test("orders info below warning below error")
    func ordering() {
        #expect(Severity.info < .warning)
        #expect(Severity.warning < .error)
        #expect(Severity.allCases.sorted() == [.info, .warning, .error])
    }
}

import KafkaSkillModel
import Foundation
import FoundationXML
import Testing
import Verify

@Suite("Reports: summary table, JSON, JUnit XML and self-contained HTML")
struct ReportTests {
    static func sampleReport() -> VerifyReport {
        var fixture = HistoryFixture.clean()
        fixture.produce(key: "key-1", value: 500, partition: 0, offset: 10, logged: false)
        fixture.drained.append(DrainedRecord(topic: "t", partition: 1, offset: 50, key: "key-2", value: "2"))
        var history = fixture.history
        history.marks = [RunMark(timestamp: 1_700_000_000_010, kind: .fault, subject: "consumer-kill-restart", detail: "consumer#1 killed <SIGKILL>")]
        let check = HistoryChecker(assertions: [.noLostWrites, .noAbortedReads], cluster: .embedded, transactional: false).check(history)
        let failed = LessonResult(
            number: 8, id: "consumers-and-offsets", title: "Consumers & offsets", kind: .run, status: LessonResult.status(of: check.outcomes),
            summary: "failed: no-lost-writes", outcomes: check.outcomes, observations: check.observations, scenarios: ["consumer-kill-restart"],
            marks: history.marks, cluster: .embedded, counters: ProgressCounters(sent: 21, acked: 21, read: 20, faultsFired: 1, planned: 20),
            timeline: Timeline.build(from: history), seconds: 12.5, artifacts: "/tmp/run", notes: ["a note"])
        let pending = LessonResult(
            number: 14, id: "transactions", title: "Transactions", kind: .run, status: .pending, summary: "waits for examples/transactional-processor",
            waitsFor: ["examples/transactional-processor (no Package.swift yet)"])
        let concept = LessonResult(
            number: 2, id: "why-events", title: "Why events", kind: .concept, status: .passed, summary: "concept lesson: 4 spec checks passed",
            outcomes: [CheckOutcome(name: "reference-page", status: .passed, detail: "ok")])
        return VerifyReport(startedAt: 1_700_000_000_000, seconds: 30, cluster: "embedded", lessons: [concept, failed, pending])
    }

    @Test("the summary table lists each lesson with its status and the totals")
    func summaryTable() {
        let table = Self.sampleReport().summaryTable
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("lesson"))
        #expect(lines[1].hasPrefix("02 why-events") && lines[1].contains("passed"))
        #expect(lines[2].hasPrefix("08 consumers-and-offsets") && lines[2].contains("failed") && lines[2].contains("21"))
        #expect(lines[3].contains("pending"))
        #expect(lines.last == "3 lessons in 30s: 1 passed, 1 failed, 1 pending")
        #expect(Self.sampleReport().hasFailures)
    }

    @Test("report files are written and read back: JSON decodes, JUnit parses with the right counts, HTML has charts")
    func files() throws {
        let folder = try SimulatedServices.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = Self.sampleReport()
        try ReportWriter.write(report, to: folder.appendingPathComponent("out"))
        let out = folder.appendingPathComponent("out")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names == ["index.html", "junit.xml", "lesson-02.html", "lesson-08.html", "lesson-14.html", "report.json"])

        let decoded = try JSONDecoder().decode(VerifyReport.self, from: Data(contentsOf: out.appendingPathComponent("report.json")))
        #expect(decoded == report)

        let junit = try XMLDocument(contentsOf: out.appendingPathComponent("junit.xml"))
        let root = try #require(junit.rootElement())
        #expect(root.attribute(forName: "tests")?.stringValue == "4")
        #expect(root.attribute(forName: "failures")?.stringValue == "1")
        #expect(root.attribute(forName: "skipped")?.stringValue == "2")
        let failures = try junit.nodes(forXPath: "//testcase[@name='no-lost-writes']/failure")
        #expect(failures.count == 1)
        #expect(failures.first?.stringValue?.contains("lost-write: value 500") == true)
        let skipped = try junit.nodes(forXPath: "//testcase[@name='no-aborted-reads']/skipped")
        #expect((skipped.first as? XMLElement)?.attribute(forName: "message")?.stringValue?.hasPrefix("needs a real cluster: ") == true)

        let html = try String(contentsOf: out.appendingPathComponent("lesson-08.html"), encoding: .utf8)
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") || html.components(separatedBy: "http://").count - 1 == html.components(separatedBy: "http://www.w3.org/2000/svg").count - 1)
        #expect(html.contains("Consumers &amp; offsets"))
        #expect(html.contains("consumer#1 killed &lt;SIGKILL&gt;"))
        #expect(html.contains("lost-write</strong>: value 500"))
        let charts = html.components(separatedBy: "<svg ").dropFirst().map { "<svg " + ($0.components(separatedBy: "</svg>").first ?? "") + "</svg>" }
        #expect(charts.count == 2)
        for chart in charts {
            let svg = try XMLDocument(xmlString: chart)
            #expect(try svg.nodes(forXPath: "//*[local-name()='polyline']").isEmpty == false)
            #expect(try svg.nodes(forXPath: "//*[local-name()='line'][@stroke='#c62828']").count == 1)
        }
        let index = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("href=\"lesson-14.html\""))
        #expect(index.contains("1 passed, 1 failed, 1 pending"))
    }
}

import KafkaSkillModel
import Foundation
import Testing
import Verify

@Suite("Lesson plans read from the specs")
struct PlanLoaderTests {
    @Test("the repository's 22 lessons load, every fault and assertion name resolves, run plans name examples")
    func realLessons() throws {
        let plans = try PlanLoader(directory: TestProject.root.appendingPathComponent("lessons")).load()
        #expect(plans.map(\.number) == Array(1...22))
        let run = plans.filter { $0.kind == .run }
        #expect(!run.isEmpty)
        #expect(run.allSatisfy { !$0.examples.isEmpty && !$0.assertions.isEmpty })
        #expect(plans.filter { $0.kind == .concept }.allSatisfy { $0.examples.isEmpty && $0.faults.isEmpty })
        let transactions = try #require(plans.first { $0.number == 14 })
        #expect(transactions.faults.map(\.name) == ["transaction-abort", "transactional-fencing", "consumer-kill-restart"])
        #expect(transactions.usesTransactions)
        #expect(transactions.assertions == [.noDuplicates, .noAbortedReads, .noLostWrites])
        #expect(transactions.location.line > 1)
        #expect(plans.allSatisfy { !$0.reflection.isEmpty })
    }

    @Test("the evolution lesson offers its breaking schema to the subject its examples write; a bad entry points at itself")
    func refusedSchemas() throws {
        let plans = try PlanLoader(directory: TestProject.root.appendingPathComponent("lessons")).load(numbers: [12])
        let refused = try #require(plans.first?.refusedSchemas.first)
        #expect(refused.subject == "customer-events-value")
        #expect(FileManager.default.fileExists(atPath: TestProject.root.appendingPathComponent(refused.file).path))

        let folder = try TestProject.make([
            "lessons/01-a.yaml": """
                id: a
                number: 1
                title: A
                topic: schemas
                verify:
                  kind: run
                  examples: [x]
                  assertions: [no-lost-writes]
                  refusedSchemas:
                    - file: v3.avsc
                    - {file: v4.avsc, subject: s, level: FULL}
                """,
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let (_, errors) = try PlanLoader(directory: folder.appendingPathComponent("lessons")).loadAll()
        let messages = errors.map(\.description)
        #expect(messages.count == 2)
        #expect(messages.contains { $0.contains("01-a.yaml:10:7: a verify.refusedSchemas entry needs file") })
        #expect(messages.contains { $0.contains("01-a.yaml:11:35: unknown key 'level' in verify.refusedSchemas") }, "\(messages)")
    }

    @Test("selecting lessons by number keeps the order asked for; an unknown number lists the available ones")
    func selection() throws {
        let loader = PlanLoader(directory: TestProject.root.appendingPathComponent("lessons"))
        #expect(try loader.load(numbers: [8, 6]).map(\.number) == [8, 6])
        #expect(throws: VerifyError.unknownLesson(99, available: Array(1...22))) { try loader.load(numbers: [99]) }
    }

    @Test("a misspelt fault scenario and assertion are reported at their line and column, with the allowed names")
    func unknownNames() throws {
        let folder = try TestProject.make([
            "lessons/01-a.yaml": """
                id: a
                number: 1
                title: A
                topic: producers
                verify:
                  kind: run
                  examples: [x]
                  faults: [broker-down, leader-move]
                  assertions: [no-lost-writes, no-dupes]
                """,
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let (plans, errors) = try PlanLoader(directory: folder.appendingPathComponent("lessons")).loadAll()
        #expect(plans.isEmpty)
        let messages = errors.map(\.description)
        #expect(messages.count == 2)
        #expect(messages[0].hasSuffix("01-a.yaml:8:12: unknown fault scenario 'broker-down'; use one of: broker-down-during-produce, leader-move, produce-errors, fetch-errors, commit-errors, consumer-kill-restart, member-join-leave, transaction-abort, transactional-fencing"))
        #expect(messages[1].contains("01-a.yaml:9:32: unknown assertion 'no-dupes'"))
        #expect(throws: VerifyError.self) { try PlanLoader(directory: folder.appendingPathComponent("lessons")).load() }
    }

    @Test("broken YAML, a missing verify section and a bad kind each point at the place to fix")
    func shapeErrors() throws {
        let folder = try TestProject.make([
            "lessons/01-broken.yaml": "id: a\nnumber: 1\ntitle: [unclosed\n",
            "lessons/02-no-verify.yaml": "id: b\nnumber: 2\ntitle: B\ntopic: t\n",
            "lessons/03-kind.yaml": "id: c\nnumber: 3\ntitle: C\ntopic: t\nverify:\n  kind: proof\n",
            "lessons/04-extra.yaml": "id: d\nnumber: 4\ntitle: D\ntopic: t\nverify:\n  kind: concept\n  examples: [x]\n  timeout: 3\n",
            "lessons/notes.md": "not a lesson",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let (plans, errors) = try PlanLoader(directory: folder.appendingPathComponent("lessons")).loadAll()
        #expect(plans.isEmpty)
        let text = errors.map(\.description)
        #expect(text.contains { $0.contains("01-broken.yaml:4:1: not valid YAML") || $0.contains("01-broken.yaml:3:") })
        #expect(text.contains { $0.contains("02-no-verify.yaml:1:1: missing key 'verify'") })
        #expect(text.contains { $0.contains("03-kind.yaml:6:9: verify.kind must be run or concept, not 'proof'") })
        #expect(text.contains { $0.contains("04-extra.yaml:8:3: unknown key 'timeout' in verify") })
        #expect(text.contains { $0.contains("04-extra.yaml:6:3: a concept plan runs nothing") })
    }

    @Test("a folder without lesson specs is an error that says where to run from")
    func emptyFolder() throws {
        let folder = try TestProject.make(["lessons/readme.txt": "x"])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: VerifyError.noLessons(directory: folder.appendingPathComponent("lessons").path)) {
            try PlanLoader(directory: folder.appendingPathComponent("lessons")).load()
        }
    }
}

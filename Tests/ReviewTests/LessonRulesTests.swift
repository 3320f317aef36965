import KafkaSkillModel
import Foundation
import Review
import Testing

/// The contract with the lesson specs: every rule in the repository's `lessons/` loads, every rule
/// with a check is broken by a fixture, the clean fixtures satisfy all of them, and the committed
/// examples come out clean.
@Suite("The repository's lesson rules", .enabled(if: Repository.has("lessons")))
struct LessonRulesTests {

    private func rules() throws -> [ReviewRule] {
        try ReviewRuleLoader().loadRules(fromDirectory: Repository.root.appendingPathComponent("lessons"))
    }

    private func review(_ folder: String, rules: [ReviewRule]) throws -> [Finding] {
        let base = try Fixtures.directory().appendingPathComponent("lesson-rules")
        return StaticReviewer(rules: rules).review(try ReviewSourceCollector(baseDirectory: base).collect([folder]))
    }

    @Test("every rule loads, and every checked rule is broken by the fixtures")
    func everyCheckedRuleFires() throws {
        let rules = try rules()
        #expect(!rules.isEmpty)
        let checked = Set(rules.filter { $0.check != nil }.map(\.id))
        let fired = Set(try review("broken", rules: rules).map(\.ruleID))
        #expect(checked.subtracting(fired).isEmpty, "no fixture breaks: \(checked.subtracting(fired).sorted())")
    }

    @Test("the clean fixtures satisfy every rule")
    func cleanFixtures() throws {
        let findings = try review("clean", rules: rules())
        #expect(findings.isEmpty, "\(findings.map { "\($0.ruleID)@\($0.file):\($0.line)" })")
    }

    @Test("the committed examples report nothing above info", .enabled(if: Repository.has("examples")))
    func examplesAreClean() throws {
        let sources = try ReviewSourceCollector(baseDirectory: Repository.root).collect(["examples"])
        let findings = StaticReviewer(rules: try rules()).review(sources).filter { $0.severity > .info }
        #expect(findings.isEmpty, "\(findings.map { "\($0.ruleID)@\($0.file):\($0.line): \($0.message)" })")
    }
}

/// The repository this test file belongs to (through the symlinks of a development package too).
enum Repository {
    static var root: URL {
        URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static func has(_ folder: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(folder).path)
    }
}

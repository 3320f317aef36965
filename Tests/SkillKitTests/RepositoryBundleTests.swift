import KafkaSkillModel
import Foundation
import Testing
@testable import SkillKit

/// Tests over the committed lessons and bundle of this repository.
@Suite("The committed kafka-events bundle")
struct RepositoryBundleTests {
    /// `Tests/SkillKitTests/<this file>` → the repository root (symlinks resolved, for dev packages that link the folder).
    static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let lessons = root.appendingPathComponent("lessons")
    static let bundle = root.appendingPathComponent("skills/kafka-events")

    @Test("The committed bundle equals a fresh render of the lessons")
    func noDrift() throws {
        let diff = try SkillGenerator(lessonsDirectory: Self.lessons, outputDirectory: Self.bundle).check()
        #expect(diff.isEmpty, "\(diff.summary)")
    }

    @Test("Rendering twice gives identical files")
    func deterministic() throws {
        let generator = SkillGenerator(lessonsDirectory: Self.lessons, outputDirectory: Self.bundle)
        #expect(try generator.render() == generator.render())
    }

    @Test("All 22 lessons are full specs")
    func lessonsAreComplete() {
        let result = SpecLinter(lessonsDirectory: Self.lessons).lint()
        #expect(result.course?.lessons.count == 22)
        #expect(result.course?.lessons.map(\.number) == Array(1...22))
        #expect(result.findings.isEmpty, "\(result.findings.map(\.description).joined(separator: "\n"))")
    }

    @Test("The committed bundle passes lint: frontmatter, body length, links, contents lists, assets")
    func bundleLints() {
        let findings = BundleLinter().lint(directory: Self.bundle)
        #expect(findings.isEmpty, "\(findings.map(\.description).joined(separator: "\n"))")
    }

    @Test("Every link in the committed bundle resolves with exact case")
    func linksResolve() throws {
        let files = try BundleDiff.files(in: Self.bundle)
        var checked = 0
        for (path, text) in files where path.hasSuffix(".md") {
            for link in BundleLinter.links(in: text) {
                let base = (path as NSString).deletingLastPathComponent
                let target = ((base.isEmpty ? link.target : base + "/" + link.target) as NSString).standardizingPath
                #expect(BundleLinter.existsWithExactCase(target, in: Self.bundle), "\(path):\(link.line) → \(link.target)")
                checked += 1
            }
        }
        #expect(checked >= 12)
    }

    @Test("The delivery-semantics table shows the exact settings of the presets it names")
    func decisionTableUsesPresets() throws {
        let files = try BundleDiff.files(in: Self.bundle)
        let page = try #require(files["references/delivery-and-transactions.md"])
        let index = try #require(files["assets/presets/index.yaml"])
        #expect(page.contains("`enable.auto.offset.store=false`"))
        #expect(page.contains("`transactional.id=${TRANSACTIONAL_ID}`"))
        for guarantee in DeliveryGuarantee.allCases {
            #expect(files["assets/presets/producer-\(guarantee.rawValue).properties"] != nil)
            #expect(files["assets/presets/consumer-\(guarantee.rawValue).properties"] != nil)
            #expect(index.contains("guarantee: \(guarantee.rawValue)"))
        }
    }

    @Test("SKILL.md lists every reference file and stays under 500 lines")
    func skillPageShape() throws {
        let files = try BundleDiff.files(in: Self.bundle)
        let skill = try #require(files["SKILL.md"])
        #expect(skill.components(separatedBy: "\n").count < 500)
        for path in files.keys where path.hasPrefix("references/") {
            #expect(skill.contains("](\(path))"), "\(path) is not linked from SKILL.md")
        }
        #expect(skill.contains("- [ ] Step 1:"))
        #expect(skill.contains("## Gotchas"))
    }
}

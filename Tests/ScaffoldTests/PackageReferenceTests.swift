import Foundation
import Testing
@testable import Scaffold

/// A generated service refers to KafkaSkill by path (the default) or by git URL with a version or a branch,
/// and the choice survives regeneration through the answers file.
@Suite("How a generated service depends on KafkaSkill")
struct PackageReferenceTests {
    func scaffold(_ project: URL, _ reference: KafkaPackageReference?) throws {
        let environment = try TestSupport.repository()
        let scaffolder = Scaffolder(environment: environment)
        let spec = environment.repositoryRoot.appendingPathComponent("specs/order-events-producer.yaml")
        try scaffolder.apply(scaffolder.plan(ScaffoldRequest(specURL: spec, outputDirectory: project, kafkaPackage: reference)))
    }

    @Test("--package-url with a version or a branch names the URL in Package.swift and its products by the URL's last part")
    func urlReferences() throws {
        let folder = try TestSupport.temporaryFolder("package-url")
        defer { try? FileManager.default.removeItem(at: folder) }
        try scaffold(folder.appendingPathComponent("a"), .version(url: "https://example.com/team/kafka-skill.git", version: "2.1.0"))
        let versioned = try TestSupport.read("Package.swift", in: folder.appendingPathComponent("a"))
        #expect(versioned.contains(#".package(url: "https://example.com/team/kafka-skill.git", from: "2.1.0")"#))
        #expect(versioned.contains(#".product(name: "KafkaServiceRuntime", package: "kafka-skill")"#))
        #expect(!versioned.contains("path:"))

        try scaffold(folder.appendingPathComponent("b"), .branch(url: "file:///srv/git/KafkaSkill", branch: "main"))
        let branched = try TestSupport.read("Package.swift", in: folder.appendingPathComponent("b"))
        #expect(branched.contains(#".package(url: "file:///srv/git/KafkaSkill", branch: "main")"#))
        #expect(branched.contains(#".product(name: "Kafka", package: "KafkaSkill")"#))
        // Only what a JSON producer uses: no Avro, no registry, no metrics, no HTTP server.
        for unused in ["Avro", "SchemaRegistry", "swift-metrics", "hummingbird"] { #expect(!branched.contains(unused), "\(unused)") }
    }

    @Test("the answers file records a URL reference, and regeneration without the option keeps it")
    func regenerationKeepsTheReference() throws {
        let folder = try TestSupport.temporaryFolder("package-url")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = folder.appendingPathComponent("service")
        try scaffold(project, .branch(url: "file:///srv/git/KafkaSkill", branch: "release"))
        let answers = try TestSupport.read(".kafka-skill-answers.yaml", in: project)
        #expect(answers.contains("url: file:///srv/git/KafkaSkill"))
        #expect(answers.contains("branch: release"))

        try scaffold(project, nil)
        #expect(try TestSupport.read("Package.swift", in: project).contains(#"branch: "release""#))
    }

    @Test("a path reference is the default and is not recorded")
    func pathIsTheDefault() throws {
        let folder = try TestSupport.temporaryFolder("package-path")
        defer { try? FileManager.default.removeItem(at: folder) }
        try scaffold(folder.appendingPathComponent("service"), nil)
        #expect(try TestSupport.read("Package.swift", in: folder.appendingPathComponent("service")).contains(#".package(name: "KafkaSkill", path: "#))
        #expect(!(try TestSupport.read(".kafka-skill-answers.yaml", in: folder.appendingPathComponent("service"))).contains("package:"))
    }

    @Test(
        "a service scaffolded with --package-url, copied to an empty folder, builds against a file:// clone and a branch",
        .tags(.slow), .timeLimit(.minutes(20)),
        // A cold build of the service's whole dependency graph: many minutes on 2 cores, so it runs only when asked
        // for (it has not yet run to completion on the build machine).
        .enabled(if: ProcessInfo.processInfo.environment["KAFKA_SKILL_OUTSIDE_BUILD_TEST"] == "1",
                 "set KAFKA_SKILL_OUTSIDE_BUILD_TEST=1 to build a scaffolded service against a file:// clone"))
    func buildsOutsideTheCheckout() async throws {
        let environment = try TestSupport.repository()
        let folder = try TestSupport.temporaryFolder("outside")
        defer { try? FileManager.default.removeItem(at: folder) }
        // A clone of this repository's committed state, on a branch of its own.
        let clone = folder.appendingPathComponent("KafkaSkill")
        let cloned = try await Subprocess.run(
            "/usr/bin/env", ["git", "clone", "--quiet", "file://" + environment.repositoryRoot.path, clone.path])
        try #require(cloned.status == 0, "git clone failed:\n\(cloned.output)")
        let branched = try await Subprocess.run("/usr/bin/env", ["git", "-C", clone.path, "checkout", "--quiet", "-b", "scaffold-test"])
        try #require(branched.status == 0, "git checkout failed:\n\(branched.output)")

        let scaffolded = folder.appendingPathComponent("scaffolded")
        try scaffold(scaffolded, .branch(url: "file://" + clone.path, branch: "scaffold-test"))
        let elsewhere = folder.appendingPathComponent("elsewhere/order-events-producer")
        try FileManager.default.createDirectory(at: elsewhere.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: scaffolded, to: elsewhere)

        let build = try await Subprocess.run("/usr/bin/env", ["swift", "build", "--package-path", elsewhere.path])
        #expect(build.status == 0, "swift build failed:\n\(build.output.suffix(4000))")
        let warnings = build.output.split(separator: "\n").filter { $0.contains("warning:") && $0.contains(elsewhere.path) }
        #expect(warnings.isEmpty, "the generated code has warnings:\n\(warnings.joined(separator: "\n"))")
    }
}

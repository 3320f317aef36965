import Foundation
import Testing
import Verify

@Suite("Example builds: cached by source hash, failures reported with the compiler's words", .tags(.slow))
struct ExampleBuilderTests {
    static func package(named name: String, main: String) -> [String: String] {
        [
            "examples/\(name)/Package.swift": """
                // swift-tools-version:6.1
                import PackageDescription
                let package = Package(name: "\(name)", products: [.executable(name: "\(name)", targets: ["App"])],
                                      targets: [.executableTarget(name: "App")])
                """,
            "examples/\(name)/Sources/App/main.swift": main,
        ]
    }

    @Test("an unchanged example is built once; a changed source builds again")
    func cache() async throws {
        let project = try TestProject.make(Self.package(named: "hello", main: "print(\"hello\")\n"))
        defer { try? FileManager.default.removeItem(at: project) }
        let source = ExampleSource(name: "hello", packageDirectory: project.appendingPathComponent("examples/hello"))
        let root = project.appendingPathComponent(".build-verify")
        let first = try await ExampleBuilder(buildRoot: root, dependencyRoots: [], supervisor: ProcessSupervisor()).build(source)
        #expect(!first.cached)
        #expect(first.executable.hasSuffix("/hello"))
        #expect(FileManager.default.isExecutableFile(atPath: first.executable))
        let again = try await ExampleBuilder(buildRoot: root, dependencyRoots: [], supervisor: ProcessSupervisor()).build(source)
        #expect(again.cached)
        #expect(again.executable == first.executable && again.sourceHash == first.sourceHash)
        try "print(\"hello again\")\n".write(to: project.appendingPathComponent("examples/hello/Sources/App/main.swift"), atomically: true, encoding: .utf8)
        let changed = try await ExampleBuilder(buildRoot: root, dependencyRoots: [], supervisor: ProcessSupervisor()).build(source)
        #expect(!changed.cached)
        #expect(changed.sourceHash != first.sourceHash)
    }

    @Test("an example that does not compile fails its lesson with the compiler error and the log path, nothing else")
    func brokenExample() async throws {
        var files = Self.package(named: "broken", main: "let x: Int = \"not a number\"\n")
        files["lessons/95-broken.yaml"] = RunnerTests.lesson(95, examples: ["broken"], faults: [], assertions: ["no-lost-writes"])
        let project = try TestProject.make(files)
        defer { try? FileManager.default.removeItem(at: project) }
        let report = try await VerifyRunner(options: VerifyOptions(projectRoot: project)).run()
        let lesson = try #require(report.lessons.first)
        #expect(lesson.status == .failed)
        #expect(lesson.outcomes.map(\.name) == ["run"])
        let detail = try #require(lesson.outcomes.first?.detail)
        #expect(detail.hasPrefix("example 'broken' did not build (`swift build -c debug --package-path"))
        #expect(detail.contains("build.log"))
        #expect(detail.contains("cannot convert value of type 'String' to specified type 'Int'"))
    }
}

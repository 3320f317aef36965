import Foundation
import EmbeddedKafka
import Kafka
import Testing
import Verify
import KafkaServiceRuntime

/// Runs whole lessons: the fixture service package is built once (scratch path in a temp folder, shared by
/// these tests through the build cache), then started as real processes against the embedded cluster.
@Suite("Lesson runs with real processes, faults and the final drain", .timeLimit(.minutes(4)), .tags(.slow))
struct RunnerTests {
    /// One scratch folder for the fixture build, kept between test runs: the build cache rebuilds it only when
    /// the fixture or the Kafka library it depends on changed.
    static let buildRoot = FileManager.default.temporaryDirectory.appendingPathComponent("verify-fixture-build")
    static let buildDependencies = [
        TestProject.root.appendingPathComponent("Package.swift"), TestProject.root.appendingPathComponent("Sources/Kafka"),
        TestProject.root.appendingPathComponent("Sources/CRdKafka"),
    ]

    /// The one build of the fixture package for this test process; every runner test awaits it first, so
    /// the runs below find it in the cache instead of building concurrently.
    static let fixtureBuild = Task {
        try await ExampleBuilder(buildRoot: buildRoot, dependencyRoots: buildDependencies, supervisor: ProcessSupervisor())
            .build(ExampleSource(name: "fixture-service", packageDirectory: TestProject.fixturePackage))
    }

    static func fixture(_ name: String, _ environment: [String: String], role: ServiceRole) -> ExampleSource {
        var settings = ["FIXTURE_TOPIC": "fixture-events", "FIXTURE_GROUP": "fixture-group"]
        settings.merge(environment) { $1 }
        return ExampleSource(
            name: name, packageDirectory: TestProject.fixturePackage, environment: settings,
            service: ServiceDescription(
                role: role, topics: [TopicSpec(name: "fixture-events", partitions: 3)], group: role == .producer ? nil : "fixture-group"))
    }

    static let examples: [String: ExampleSource] = [
        "fixture-producer": fixture("fixture-producer", ["FIXTURE_ROLE": "producer"], role: .producer),
        "fixture-consumer": fixture("fixture-consumer", ["FIXTURE_ROLE": "consumer"], role: .consumer),
        // Slow processing keeps many records read (and committed) but unprocessed when the kill lands.
        "fixture-consumer-broken": fixture(
            "fixture-consumer-broken",
            ["FIXTURE_ROLE": "consumer", "FIXTURE_BUG": "commit-before-process", "FIXTURE_PROCESS_DELAY_MS": "5"], role: .consumer),
        "fixture-consumer-crashing": fixture("fixture-consumer-crashing", ["FIXTURE_ROLE": "consumer", "FIXTURE_BUG": "crash-midway"], role: .consumer),
    ]

    static func lesson(_ number: Int, examples: [String], faults: [String], assertions: [String]) -> String {
        """
        id: fixture-\(number)
        number: \(number)
        title: Fixture lesson \(number)
        topic: consumers
        reflection:
          - question: Does it work?
            answer: It is run.
        verify:
          kind: run
          examples: [\(examples.joined(separator: ", "))]
          faults: [\(faults.joined(separator: ", "))]
          assertions: [\(assertions.joined(separator: ", "))]
        """
    }

    /// Options for a run whose processes carry `mark` in their environment, so a test finds its own
    /// processes while other tests run theirs.
    static func options(_ project: URL, mark: String = UUID().uuidString) -> VerifyOptions {
        var options = VerifyOptions(projectRoot: project)
        options.buildRoot = buildRoot
        options.buildDependencies = buildDependencies
        options.exampleOverrides = examples.mapValues { source in
            var marked = source
            marked.environment["VERIFY_TEST_MARK"] = mark
            return marked
        }
        options.produceCount = 600
        options.messagesPerSecond = 300
        options.limits.settle = .seconds(40)
        options.limits.idle = .seconds(25)
        options.sessionTimeoutMs = 5000
        options.limits.lag = .seconds(10)
        options.limits.stopGrace = .seconds(5)
        return options
    }

    /// Processes still alive that a run marked with `mark` started.
    static func strayProcesses(marked mark: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let environment = FileManager.default.contents(atPath: "/proc/\(pid)/environ"),
                String(decoding: environment, as: UTF8.self).contains("VERIFY_TEST_MARK=\(mark)"),
                let status = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
            else { return false }
            return !status.contains(") Z ")
        }
    }

    @Test("at-least-once producer and consumer under kill, commit and produce faults: provable claims pass, isolation needs a real cluster")
    func correctServicesPass() async throws {
        _ = try await Self.fixtureBuild.value
        let project = try TestProject.make([
            "lessons/90-fixture.yaml": Self.lesson(
                90, examples: ["fixture-producer", "fixture-consumer"], faults: ["consumer-kill-restart", "commit-errors", "produce-errors"],
                assertions: ["no-lost-writes", "committed-not-ahead", "lag-drains", "per-key-order", "no-aborted-reads"]),
        ])
        defer { try? FileManager.default.removeItem(at: project) }
        let mark = UUID().uuidString
        var options = Self.options(project, mark: mark)
        options.reportDirectory = project.appendingPathComponent("report")
        // Six seconds of input: the embedded cluster takes about 3 s to let the first member join, and the
        // kill must land while input still arrives, or the consumer has read everything by then and its
        // restart is never needed.
        options.messagesPerSecond = 100
        let (stream, continuation) = AsyncStream<VerifyProgress>.makeStream()
        let run = Task { try await VerifyRunner(options: options).run(progress: continuation) }
        var phases: [LessonPhase] = []
        var faults: [String] = []
        for await event in stream {
            if case .phase(_, let phase) = event, phases.last != phase { phases.append(phase) }
            if case .fault(_, let text) = event { faults.append(text) }
        }
        let report = try await run.value
        let lesson = try #require(report.lessons.first)
        let statuses = Dictionary(uniqueKeysWithValues: lesson.outcomes.map { ($0.name, $0.status) })
        // Under produce errors the embedded cluster now and then accepts an idempotent producer's batch after
        // one it never wrote (it checks sequence numbers only for transactional producers), and librdkafka
        // takes the missing one as written. The checker says a real cluster is needed for exactly those
        // writes, acknowledged without an offset; any other loss still fails no-lost-writes.
        let lostWrites = lesson.outcomes.first { $0.name == "no-lost-writes" }
        let mockGaps = lostWrites?.status == .needsRealCluster ? lostWrites?.anomalies.count ?? 0 : 0
        #expect(mockGaps == 0 || lostWrites?.detail.contains("does not check an idempotent producer's sequence numbers") == true)
        #expect(statuses == [
            "event-contract": .passed, "no-lost-writes": mockGaps > 0 ? .needsRealCluster : .passed,
            "committed-not-ahead": .passed, "lag-drains": .passed, "per-key-order": .passed, "no-aborted-reads": .needsRealCluster,
        ], "\(lesson.outcomes.filter { $0.status != .passed }.map(\.detail)) notes: \(lesson.notes)")
        #expect(lesson.status == .needsRealCluster)
        #expect(lesson.counters.acked == 600)
        #expect(lesson.counters.read + mockGaps == 600)
        #expect(phases == [.building, .starting, .running, .settling, .stopping, .draining, .checking])
        #expect(faults.contains { $0.hasPrefix("consumer-kill-restart: fixture-consumer#1 killed with SIGKILL") })
        #expect(lesson.marks.contains { $0.kind == .processStarted && $0.subject == "fixture-consumer#2" })
        #expect(lesson.marks.filter { $0.kind == .fault }.count == 5)
        #expect(!lesson.timeline.throughput.isEmpty && !lesson.timeline.lag.isEmpty)
        #expect(lesson.notes.contains { $0.contains("build reused") })
        for file in ["report.json", "junit.xml", "index.html", "lesson-90.html"] {
            #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("report/\(file)").path))
        }
        #expect(Self.strayProcesses(marked: mark).isEmpty)
    }

    @Test("a consumer that commits before processing, killed mid-stream, fails with committed-ahead and unseen records")
    func commitBeforeProcessingFails() async throws {
        _ = try await Self.fixtureBuild.value
        let project = try TestProject.make([
            "lessons/91-broken.yaml": Self.lesson(
                91, examples: ["fixture-consumer-broken"], faults: ["consumer-kill-restart"], assertions: ["no-lost-writes", "committed-not-ahead"]),
        ])
        defer { try? FileManager.default.removeItem(at: project) }
        let mark = UUID().uuidString
        let report = try await VerifyRunner(options: Self.options(project, mark: mark)).run()
        let lesson = try #require(report.lessons.first)
        #expect(report.hasFailures)
        #expect(lesson.status == .failed)
        let lost = try #require(lesson.outcomes.first { $0.name == "no-lost-writes" })
        #expect(lost.status == .failed)
        #expect(!lost.anomalies.isEmpty && lost.anomalies.allSatisfy { $0.kind == .unseen })
        let ahead = try #require(lesson.outcomes.first { $0.name == "committed-not-ahead" })
        #expect(ahead.status == .failed)
        #expect(ahead.anomalies.contains { $0.records.first?.instance == "fixture-consumer-broken#1" })
        #expect(lesson.marks.contains { $0.subject == InputDriverName.instance && $0.kind == .processStarted })
        #expect(Self.strayProcesses(marked: mark).isEmpty)
    }

    @Test("a consumer that crashes midway fails the lesson at once, with the crash line from its log in the notes")
    func crashingConsumer() async throws {
        _ = try await Self.fixtureBuild.value
        let project = try TestProject.make([
            "lessons/96-crash.yaml": Self.lesson(96, examples: ["fixture-consumer-crashing"], faults: [], assertions: ["no-lost-writes"]),
        ])
        defer { try? FileManager.default.removeItem(at: project) }
        let started = ContinuousClock.now
        let report = try await VerifyRunner(options: Self.options(project)).run()
        let lesson = try #require(report.lessons.first)
        #expect(lesson.status == .failed)
        #expect(lesson.outcomes.first { $0.name == "no-lost-writes" }?.anomalies.allSatisfy { $0.kind == .unseen } == true)
        #expect(lesson.notes.contains { $0.hasPrefix("fixture-consumer-crashing#1 crashed: ") && $0.contains("deliberate crash after 100 records") })
        #expect(lesson.notes.contains("every reading service had exited before processing all acknowledged records"))
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    @Test("against --bootstrap, cluster faults are reported as not applied while process faults still run")
    func bootstrapCluster() async throws {
        _ = try await Self.fixtureBuild.value
        let cluster = try EmbeddedCluster(brokers: 3, logger: SimulatedServices.logger)
        defer { cluster.shutdown() }
        try cluster.createTopic("fixture-events", partitions: 3, replicationFactor: 3)
        let project = try TestProject.make([
            "lessons/92-bootstrap.yaml": Self.lesson(
                92, examples: ["fixture-producer", "fixture-consumer"], faults: ["fetch-errors", "member-join-leave"],
                assertions: ["no-lost-writes", "committed-not-ahead"]),
        ])
        defer { try? FileManager.default.removeItem(at: project) }
        var options = Self.options(project)
        options.bootstrapServers = cluster.bootstrapServers
        let report = try await VerifyRunner(options: options).run()
        let lesson = try #require(report.lessons.first)
        #expect(lesson.cluster == .embedded)
        #expect(lesson.status == .passed, "\(lesson.summary) \(lesson.notes)")
        let skipped = lesson.marks.filter { $0.kind == .faultSkipped && $0.subject == "fetch-errors" }
        #expect(skipped.count == 2)
        #expect(skipped.allSatisfy { $0.detail.contains("not available with --bootstrap") })
        #expect(lesson.marks.contains { $0.kind == .fault && $0.detail == "another fixture-consumer instance started" })
        #expect(lesson.marks.contains { $0.kind == .fault && $0.detail.hasSuffix("stopped with SIGTERM") })
        #expect(lesson.notes.contains { $0.contains("--bootstrap points at an embedded (mock) cluster") })
    }

    @Test("cancelling a run (Ctrl-C) stops every process it started")
    func cancellationStopsEverything() async throws {
        _ = try await Self.fixtureBuild.value
        let project = try TestProject.make([
            "lessons/93-cancel.yaml": Self.lesson(93, examples: ["fixture-producer", "fixture-consumer"], faults: [], assertions: ["no-lost-writes"]),
        ])
        defer { try? FileManager.default.removeItem(at: project) }
        let mark = UUID().uuidString
        var options = Self.options(project, mark: mark)
        options.messagesPerSecond = 50
        let (stream, continuation) = AsyncStream<VerifyProgress>.makeStream()
        let run = Task { try await VerifyRunner(options: options).run(progress: continuation) }
        for await event in stream {
            if case .counters(_, let counters) = event, counters.acked > 20 { break }
        }
        #expect(Self.strayProcesses(marked: mark).count == 2)
        run.cancel()
        await #expect(throws: CancellationError.self) { try await run.value }
        #expect(Self.strayProcesses(marked: mark).isEmpty)
    }

    @Test("a lesson whose examples do not exist is pending, listing what it waits for, without building anything")
    func pending() async throws {
        let project = try TestProject.make([
            "lessons/94-pending.yaml": Self.lesson(94, examples: ["not-yet", "fixture-producer"], faults: [], assertions: ["no-lost-writes"]),
        ])
        defer { try? FileManager.default.removeItem(at: project) }
        var options = Self.options(project)
        options.buildRoot = project.appendingPathComponent(".build-verify")
        let report = try await VerifyRunner(options: options).run()
        let lesson = try #require(report.lessons.first)
        #expect(lesson.status == .pending)
        #expect(lesson.waitsFor == ["examples/not-yet (no Package.swift yet)"])
        #expect(!report.hasFailures)
        #expect(!FileManager.default.fileExists(atPath: options.buildRoot.path))
    }
}

/// The input driver's instance name as it appears in marks and events.
enum InputDriverName {
    static let instance = "verify-driver#1"
}

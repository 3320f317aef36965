import Foundation
public import Logging

/// Verifies lessons: loads their plans, proves concept lessons by spec checks, runs the others' examples
/// under their faults against a cluster, checks the histories, and writes the reports.
///
/// ```swift
/// let (progress, continuation) = AsyncStream<VerifyProgress>.makeStream()
/// async let report = VerifyRunner(options: options).run(progress: continuation)
/// for await event in progress { render(event) }
/// try await report
/// ```
///
/// - Important: Cancel the task to stop (Ctrl-C): every process is stopped with its whole process group
///   before `run` returns.
public struct VerifyRunner: Sendable {
    /// What to verify and how.
    public var options: VerifyOptions
    /// Receives the clients' and the cluster's logs.
    public var logger: Logger

    /// Creates a runner.
    /// - Parameters:
    ///   - options: What to verify and how.
    ///   - logger: Receives the clients' and the cluster's logs (quiet by default).
    public init(options: VerifyOptions, logger: Logger = VerifyRunner.quietLogger) {
        self.options = options
        self.logger = logger
    }

    /// A logger that only passes critical messages: librdkafka's retries under injected faults are expected.
    public static var quietLogger: Logger {
        var logger = Logger(label: "kafka-skill.verify")
        logger.logLevel = .critical
        return logger
    }

    /// Verifies the selected lessons and writes the reports (when a report folder is set).
    /// - Parameter progress: Receives live progress; finished when the run ends.
    /// - Returns: The report.
    /// - Throws: ``VerifyError`` when the lesson plans cannot be loaded or a report cannot be written, or
    ///   `CancellationError` after stopping everything.
    public func run(progress: AsyncStream<VerifyProgress>.Continuation? = nil) async throws -> VerifyReport {
        defer { progress?.finish() }
        let startedAt = Int64(Date().timeIntervalSince1970 * 1000)
        let clock = ContinuousClock()
        let begin = clock.now
        let plans = try PlanLoader(directory: options.projectRoot.appendingPathComponent("lessons")).load(numbers: options.lessons)
        if plans.contains(where: { $0.kind == .run }) { try await preflight() }
        let builder = ExampleBuilder(buildRoot: options.buildRoot, dependencyRoots: options.buildDependencies, supervisor: ProcessSupervisor())
        let catalog = ExampleCatalog(projectRoot: options.projectRoot, overrides: options.exampleOverrides)
        var results: [LessonResult] = []
        try await withThrowingTaskGroup(of: LessonResult.self) { group in
            var queue = plans[...]
            func startNext() {
                guard let plan = queue.popFirst() else { return }
                group.addTask { try await self.verify(plan, catalog: catalog, builder: builder, progress: progress) }
            }
            for _ in 0..<max(1, options.jobs) { startNext() }
            while let result = try await group.next() {
                results.append(result)
                progress?.yield(.lessonFinished(result))
                startNext()
            }
        }
        let elapsed = clock.now - begin
        let report = VerifyReport(
            startedAt: startedAt, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            cluster: options.broker.description, lessons: results.sorted { $0.number < $1.number })
        if let directory = options.reportDirectory {
            try ReportWriter.write(report, to: directory)
            copyBrokerLogs(of: report.lessons, to: directory.appendingPathComponent("brokers"))
        }
        return report
    }

    /// Fails at once, before any example is built, when the broker cannot be reached or started: an unreachable
    /// `--bootstrap` within ``RunLimits/connect``, a `noida-db` that is not installed.
    /// - Throws: ``VerifyError/cluster(_:)`` saying verify could not run.
    private func preflight() async throws {
        switch options.broker {
        case .embedded:
            break
        case .bootstrap(let servers):
            _ = try await BootstrapClusterOwner.probe(servers, timeout: options.limits.connect, logger: logger)
        case .noida:
            _ = try NoidaClusterOwner.locate(options: options)
        }
    }

    /// Copies the output of every broker verify started into the report folder, as `lesson-NN-<broker>.log`.
    private func copyBrokerLogs(of lessons: [LessonResult], to folder: URL) {
        let manager = FileManager.default
        for lesson in lessons {
            guard let broker = lesson.broker, let path = broker.logPath, manager.fileExists(atPath: path) else { continue }
            try? manager.createDirectory(at: folder, withIntermediateDirectories: true)
            let base = String(format: "lesson-%02d-%@", lesson.number, broker.name)
            for (suffix, source) in [("log", path), ("err.log", path.replacingOccurrences(of: ".out", with: ".err"))] {
                let target = folder.appendingPathComponent("\(base).\(suffix)")
                try? manager.removeItem(at: target)
                try? manager.copyItem(atPath: source, toPath: target.path)
            }
        }
    }

    private func verify(
        _ plan: LessonPlan, catalog: ExampleCatalog, builder: ExampleBuilder, progress: AsyncStream<VerifyProgress>.Continuation?
    ) async throws -> LessonResult {
        progress?.yield(.lessonStarted(number: plan.number, title: plan.title))
        switch plan.kind {
        case .concept:
            progress?.yield(.phase(number: plan.number, .checking))
            let started = ContinuousClock.now
            let checker = ConceptChecker(
                projectRoot: options.projectRoot, skillDirectory: options.projectRoot.appendingPathComponent("skills/kafka-events"))
            let outcomes = checker.check(plan)
            let status = LessonResult.status(of: outcomes)
            let elapsed = ContinuousClock.now - started
            return LessonResult(
                number: plan.number, id: plan.id, title: plan.title, kind: plan.kind, status: status,
                summary: status == .passed ? "concept lesson: \(outcomes.count) spec checks passed" : LessonRun.summary(status, outcomes),
                outcomes: outcomes, seconds: Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds),
                notes: plan.notes.map { [$0] } ?? [])
        case .run:
            let run = LessonRun(plan: plan, options: options, catalog: catalog, builder: builder, progress: progress, logger: logger)
            return try await run.execute()
        }
    }
}

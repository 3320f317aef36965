import Foundation
import EmbeddedKafka
import Kafka
import Logging
import ServiceLifecycle

/// Runs one lesson's verify plan: builds its examples, starts a cluster (or uses `--bootstrap`), runs the
/// services as processes under the plan's faults while recording their events, stops everything, drains
/// every partition and checks the history.
///
/// One instance serves one run, inside one task; nothing here is shared across tasks.
final class LessonRun {
    let plan: LessonPlan
    let options: VerifyOptions
    let catalog: ExampleCatalog
    let builder: ExampleBuilder
    let supervisor = ProcessSupervisor()
    let progress: AsyncStream<VerifyProgress>.Continuation?
    let logger: Logger
    let workDirectory: URL
    let clock = ContinuousClock()

    var owner: (any ClusterOwner)?
    /// The embedded cluster's fault API, when the owner has one.
    var cluster: EmbeddedCluster?
    /// Holds a broker process the owner starts, apart from the services, so stopping them leaves it running.
    let clusterSupervisor = ProcessSupervisor()
    var bootstrap = ""
    var clusterKind = ClusterKind.embedded
    var admin: KafkaAdmin?
    var services: [ServiceRuntime] = []
    var instances: [ServiceInstance] = []
    var events: [RecordedEvent] = []
    var marks: [RunMark] = []
    var lagSamples: [LagSample] = []
    var committedByGroup: [String: [KafkaTopicPartition: Int64]] = [:]
    var highByPartition: [KafkaTopicPartition: Int64] = [:]
    var groupOfInstance: [String: String] = [:]
    var samplers: [String: LagSampler] = [:]
    var knownTopics: [String: Int] = [:]
    var startOffsets: [KafkaTopicPartition: Int64] = [:]
    var ackedByTopic: [String: Set<String>] = [:]
    var readByTopic: [String: Set<String>] = [:]
    /// Topics some service was seen processing (`record_data`, dead-letter sources).
    var processedTopics: Set<String> = []
    var counters = ProgressCounters()
    var scenarios: [ScenarioState] = []
    var started = false
    var pendingRestarts: [(at: ContinuousClock.Instant, service: Int)] = []
    /// Group members to remove once the session timeout has passed, on a broker that does not expire them.
    var pendingRemovals: [(at: ContinuousClock.Instant, group: String, members: [String], killed: String)] = []
    var stopTasks: [Task<Void, Never>] = []
    var driver: Task<Void, Never>?
    var driverTopics: [String] = []
    var driverReader: EventLogReader?
    var driverExited = false
    var valueBase = 0
    var notes: [String] = []
    var registryURL: URL?
    var registryGroup: ServiceGroup?
    var registryTask: Task<Void, any Error>?
    var schemaOutcomes: [CheckOutcome] = []
    var lastReadChange: ContinuousClock.Instant
    var lastCountersSent: ContinuousClock.Instant

    init(
        plan: LessonPlan, options: VerifyOptions, catalog: ExampleCatalog, builder: ExampleBuilder,
        progress: AsyncStream<VerifyProgress>.Continuation?, logger: Logger
    ) {
        self.plan = plan
        self.options = options
        self.catalog = catalog
        self.builder = builder
        self.progress = progress
        self.logger = logger
        workDirectory = options.buildRoot.appendingPathComponent("runs").appendingPathComponent(String(format: "lesson-%02d", plan.number))
        lastReadChange = clock.now
        lastCountersSent = clock.now
        scenarios = plan.faults.map { ScenarioState(scenario: $0) }
        counters.planned = options.produceCount
    }

    /// Runs the lesson.
    /// - Returns: The lesson's result; infrastructure failures become a failed result, not an error.
    /// - Throws: `CancellationError` when the task is cancelled, after every process has been stopped.
    func execute() async throws -> LessonResult {
        let startedAt = clock.now
        let startedMs = Self.nowMs()
        progress?.yield(.phase(number: plan.number, .building))
        var missing: [String] = []
        var sources: [ExampleSource] = []
        for name in plan.examples {
            if let source = catalog.locate(name) { sources.append(source) } else { missing.append("examples/\(name) (no Package.swift yet)") }
        }
        if !missing.isEmpty {
            return LessonResult(
                number: plan.number, id: plan.id, title: plan.title, kind: plan.kind, status: .pending,
                summary: "waits for " + missing.joined(separator: ", "), waitsFor: missing, scenarios: plan.faults.map(\.name),
                seconds: seconds(since: startedAt), notes: plan.notes.map { [$0] } ?? [])
        }
        var failure: String?
        do {
            for (index, source) in sources.enumerated() {
                let built = try await builder.build(source)
                notes.append("\(source.name): " + (built.cached ? "build reused (sources unchanged)" : String(format: "built in %.1f s", built.seconds)))
                services.append(ServiceRuntime(source: source, built: built, index: index))
            }
            try Task.checkCancellation()
            progress?.yield(.phase(number: plan.number, .starting))
            try prepareWorkDirectory()
            do {
                try await startCluster()
            } catch let error as VerifyError {
                throw CouldNotRun(error: error)
            }
            try await createDeclaredTopics()
            try await prepareRegistry()
            try await startServices()
            progress?.yield(.phase(number: plan.number, .running))
            try await runUntilSettled()
        } catch is CancellationError {
            await stopEverything()
            await closeClients()
            throw CancellationError()
        } catch let couldNotRun as CouldNotRun {
            // Not the lesson's failure: verify could not run it (exit 2).
            await stopEverything()
            await closeClients()
            throw couldNotRun.error
        } catch let error as VerifyError {
            failure = error.description
        } catch {
            failure = "\(error)"
        }
        progress?.yield(.phase(number: plan.number, .stopping))
        logger.debug("lesson \(plan.number): stopping", metadata: failure.map { ["failure": "\($0)"] })
        await stopEverything()
        if Task.isCancelled {
            await closeClients()
            throw CancellationError()
        }
        if let sample = await sampleLagNow() { lagSamples += sample }
        progress?.yield(.phase(number: plan.number, .draining))
        logger.debug("lesson \(plan.number): draining")
        let drain = await drainTopics(skip: failure != nil && bootstrap.isEmpty)
        logger.debug("lesson \(plan.number): drained \(drain.records.count) records", metadata: ["incomplete": "\(drain.incomplete)"])
        await closeClients()
        progress?.yield(.phase(number: plan.number, .checking))
        let history = History(events: events, drain: drain, lagSamples: lagSamples, marks: marks)
        var result = check(history, failure: failure)
        result.seconds = seconds(since: startedAt)
        result.timeline = Timeline.build(from: history)
        if result.timeline.startedAt == 0 { result.timeline.startedAt = startedMs }
        return result
    }

    // MARK: Setup

    private func prepareWorkDirectory() throws {
        let manager = FileManager.default
        try? manager.removeItem(at: workDirectory)
        do {
            try manager.createDirectory(at: workDirectory.appendingPathComponent("events"), withIntermediateDirectories: true)
            try manager.createDirectory(at: workDirectory.appendingPathComponent("logs"), withIntermediateDirectories: true)
        } catch {
            throw VerifyError.io(path: workDirectory.path, operation: "create the run folder", reason: error.localizedDescription)
        }
    }

    /// Starts the broker (or reaches it) through its owner; on a broker without the embedded cluster's fault
    /// API, scenarios run their portable steps.
    /// - Throws: ``VerifyError/cluster(_:)`` when verify could not run: the broker did not start or answer.
    private func startCluster() async throws {
        let owner = try await startClusterOwner(
            options.broker, options: options, logDirectory: workDirectory.appendingPathComponent("logs"), supervisor: clusterSupervisor,
            logger: logger)
        self.owner = owner
        cluster = owner.embedded
        bootstrap = owner.bootstrap
        clusterKind = owner.profile.kind
        var config = try KafkaConfig()
        config.bootstrapServers = [bootstrap]
        admin = try KafkaAdmin(config: config, logger: logger)
        if owner.mayHoldEarlierRecords {
            // Values must not collide with records an earlier run left in the same topics.
            valueBase = Int(Self.nowMs()) * 1000
        }
        if cluster == nil {
            if clusterKind == .embedded {
                notes.append("--bootstrap points at an embedded (mock) cluster: its limits apply, and cluster faults cannot be injected from here")
            }
            scenarios = plan.faults.map { ScenarioState(scenario: $0.portable ?? $0) }
            for scenario in plan.faults where scenario.portable != nil {
                notes.append("\(scenario.name): \(owner.profile.name) has no fault API, so it runs as: \(scenario.portable?.summary ?? "")")
            }
        }
    }

    private func createDeclaredTopics() async throws {
        for service in services {
            for topic in service.source.service.topics {
                try await ensureTopic(topic.name, partitions: topic.partitions)
            }
        }
    }

    /// Creates a topic unless it is known to exist; on a real cluster, also notes where this run starts in it.
    func ensureTopic(_ name: String, partitions: Int?) async throws {
        guard knownTopics[name] == nil else { return }
        let count = partitions ?? options.defaultPartitions
        if let cluster {
            do {
                try cluster.createTopic(name, partitions: count, replicationFactor: min(3, options.brokers))
            } catch let error as KafkaError where error.code == .init(rawValue: 36) {
                // TOPIC_ALREADY_EXISTS: created on first produce; keep it.
            }
            knownTopics[name] = count
            return
        }
        if clusterKind != .embedded, let admin {
            do {
                try await admin.createTopics([KafkaNewTopic(name: name, partitions: count)])
            } catch let error as KafkaError where error.code == .init(rawValue: 36) {
                // TOPIC_ALREADY_EXISTS: reuse it, reading only what this run adds.
            } catch {
                notes.append("could not create topic \(name): \(error)")
            }
        }
        await learnTopic(name)
    }

    /// Reads a topic's partition count from metadata and records where this run starts in each partition.
    func learnTopic(_ name: String) async {
        guard knownTopics[name] == nil, let admin, let metadata = try? await admin.metadata(timeout: .seconds(10)),
            let topic = metadata.topics.first(where: { $0.name == name && $0.error == nil && !$0.partitions.isEmpty })
        else { return }
        knownTopics[name] = topic.partitions.count
        guard owner?.mayHoldEarlierRecords == true, let sampler = try? LagSampler(group: "verify-start-\(UUID().uuidString.prefix(8))", bootstrapServers: bootstrap, logger: logger)
        else { return }
        let partitions = topic.partitions.map { KafkaTopicPartition(topic: name, partition: $0.id) }
        for sample in await sampler.sample(partitions) {
            startOffsets[KafkaTopicPartition(topic: sample.topic, partition: sample.partition)] = sample.high
        }
        await sampler.close()
    }

    // MARK: Services

    private func startServices() async throws {
        for index in services.indices where services[index].role != .producer {
            try launch(service: index, extra: false)
        }
        let deadline = clock.now + options.limits.startup
        while clock.now < deadline {
            try Task.checkCancellation()
            await pollEvents()
            handleExits()
            let waiting = instances.filter { !$0.hasStarted && $0.child.isRunning }
            if waiting.isEmpty { break }
            try? await Task.sleep(for: .milliseconds(100))
        }
        for instance in instances where !instance.hasStarted {
            notes.append("\(instance.name) did not report startup_complete within \(options.limits.startup)")
        }
        started = true
        await fireDueSteps()
        for index in services.indices where services[index].role == .producer {
            try launch(service: index, extra: false)
        }
        let producers = instances.filter { services[$0.serviceIndex].role == .producer }
        let producerDeadline = clock.now + options.limits.startup
        while clock.now < producerDeadline, producers.contains(where: { instance in
            !(instances.first { $0.name == instance.name }?.hasStarted ?? true) && instance.child.isRunning
        }) {
            try Task.checkCancellation()
            await pollEvents()
            try? await Task.sleep(for: .milliseconds(100))
        }
        await pollEvents()
        startDriverIfNeeded()
    }

    /// Starts one process of an example, with the environment EVENTS.md defines.
    func launch(service index: Int, extra: Bool) throws {
        services[index].instanceCount += 1
        let service = services[index]
        let number = service.instanceCount
        let name = "\(service.name)#\(number)"
        let eventsPath = workDirectory.appendingPathComponent("events/\(service.name)-\(number).jsonl").path
        var environment = ProcessInfo.processInfo.environment
        environment["KAFKA_BOOTSTRAP_SERVERS"] = bootstrap
        environment["KAFKA_SKILL_EVENTS"] = eventsPath
        environment["PRODUCE_COUNT"] = String(options.produceCount)
        environment["KEY_COUNT"] = String(options.keyCount)
        environment["PRODUCE_START"] = String(valueBase + service.index * 1_000_000)
        environment["PRODUCE_INTERVAL_MS"] = String(options.messagesPerSecond > 0 ? max(1, 1000 / options.messagesPerSecond) : 0)
        environment["KAFKA_SESSION_TIMEOUT_MS"] = String(options.sessionTimeoutMs)
        if let registryURL { environment["SCHEMA_REGISTRY_URL"] = registryURL.absoluteString }
        // Seen here: a librdkafka assertion in a service's background thread left Swift's crash handler
        // unable to stop the other threads, and the process ran on for a minute; without the handler the
        // abort ends it at once, and the assertion message is still in its log.
        if environment["SWIFT_BACKTRACE"] == nil { environment["SWIFT_BACKTRACE"] = "enable=no" }
        for (key, value) in service.source.environment { environment[key] = value }
        let child = try supervisor.launch(
            name: name, executable: URL(fileURLWithPath: service.built.executable), environment: environment,
            workingDirectory: service.source.packageDirectory,
            logPrefix: workDirectory.appendingPathComponent("logs/\(service.name)-\(number)").path)
        instances.append(ServiceInstance(
            name: name, serviceIndex: index, child: child, reader: EventLogReader(path: eventsPath, instance: name), isExtra: extra))
        mark(.processStarted, subject: name, detail: extra ? "extra instance started (pid \(child.pid))" : "started (pid \(child.pid))")
        // A new member rebalances the group; waiting for progress starts again from here.
        lastReadChange = clock.now
    }

    /// Produces the input of every topic a reading service reads and no producer example writes.
    private func startDriverIfNeeded() {
        let written = Set(services.filter { $0.role == .producer }.flatMap(\.topics))
        driverTopics = Array(Set(services.filter { $0.role?.reads ?? false }.flatMap(\.inputTopics).filter { !written.contains($0) })).sorted()
        let producerCount = services.filter { $0.role == .producer }.count
        counters.planned = options.produceCount * max(1, producerCount + driverTopics.count)
        guard !driverTopics.isEmpty else { return }
        let path = workDirectory.appendingPathComponent("events/verify-driver-1.jsonl").path
        guard let writer = try? EventLogWriter(path: path, service: "verify-driver") else {
            notes.append("could not open \(path) for the input driver")
            return
        }
        driverReader = EventLogReader(path: path, instance: InputDriver.instance)
        let input = InputDriver(
            bootstrapServers: bootstrap, topics: driverTopics, count: options.produceCount, start: valueBase + services.count * 1_000_000,
            keyCount: options.keyCount, messagesPerSecond: options.messagesPerSecond, events: writer, logger: logger)
        mark(.processStarted, subject: InputDriver.instance, detail: "input driver started for \(driverTopics.joined(separator: ", "))")
        driver = Task {
            await input.run()
            writer.close()
        }
    }

    // MARK: Helpers

    /// The broker did not start or answer: the run ends as "could not run", not as a failed lesson.
    private struct CouldNotRun: Error {
        var error: VerifyError
    }

    func mark(_ kind: RunMark.Kind, subject: String, detail: String) {
        marks.append(RunMark(timestamp: Self.nowMs(), kind: kind, subject: subject, detail: detail))
        logger.debug("lesson \(plan.number): \(kind.rawValue) \(subject): \(detail)")
        switch kind {
        case .fault:
            counters.faultsFired += 1
            progress?.yield(.fault(number: plan.number, "\(subject): \(detail)"))
        case .faultSkipped:
            progress?.yield(.fault(number: plan.number, "\(subject): not applied: \(detail)"))
        default:
            break
        }
    }

    func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    static func nowMs() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}

import Foundation
import EmbeddedKafka
import Kafka
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LessonRun {
    /// Ticks until the input is done, the services have processed it and the lag has drained (or a limit
    /// passes): reading events, firing faults, restarting killed services, sampling lag.
    func runUntilSettled() async throws {
        let deadline = clock.now + options.limits.run
        var inputFinishedAt: ContinuousClock.Instant?
        var caughtUpAt: ContinuousClock.Instant?
        var lastLagSample = clock.now
        var lastClusterSample = clock.now
        var lastTrace = clock.now
        var lastCrashScan = clock.now
        while true {
            try Task.checkCancellation()
            await pollEvents()
            handleExits()
            await fireDueSteps()
            try restartDue()
            await removeDueMembers()
            // While faults fire, lag comes from the events: querying a cluster with a broker down blocks
            // for the query timeout, and the run must keep firing faults on time.
            if clock.now - lastLagSample >= .milliseconds(500) {
                lastLagSample = clock.now
                lagSamples += eventLagSamples()
            }
            publishCounters(force: false)
            if clock.now > deadline {
                notes.append("the run hit its \(options.limits.run) limit and was stopped")
                break
            }
            let inputDone = (driver == nil || driverExited)
                && !instances.contains { !$0.isExtra && services[$0.serviceIndex].role == .producer && $0.child.isRunning }
            if clock.now - lastCrashScan >= .seconds(2) {
                lastCrashScan = clock.now
                await stopCrashedProcesses()
            }
            if clock.now - lastTrace >= .seconds(5) {
                lastTrace = clock.now
                logger.debug("lesson \(plan.number): tick", metadata: [
                    "acked": "\(counters.acked)", "read": "\(counters.read)", "readTopics": "\(readTopics.sorted())",
                    "caughtUp": "\(isCaughtUp)", "running": "\(instances.filter(\.child.isRunning).map(\.name))",
                ])
            }
            if inputDone, inputFinishedAt == nil {
                inputFinishedAt = clock.now
                lastReadChange = clock.now
                mark(.inputFinished, subject: "input", detail: "\(counters.acked) records acknowledged")
                progress?.yield(.phase(number: plan.number, .settling))
            }
            guard let finished = inputFinishedAt else {
                try? await Task.sleep(for: .milliseconds(100))
                continue
            }
            if readTopics.isEmpty && !instances.contains(where: { services[$0.serviceIndex].role?.reads ?? false }) { break }
            if !isCaughtUp {
                if clock.now - finished > options.limits.settle {
                    notes.append("the services had not processed every acknowledged record \(options.limits.settle) after the input ended")
                    break
                }
                if clock.now - lastReadChange > options.limits.idle {
                    notes.append("no new record was processed for \(options.limits.idle); stopped waiting")
                    break
                }
                let readersAlive = instances.contains { $0.child.isRunning && (services[$0.serviceIndex].role?.reads ?? true) }
                if !readersAlive && pendingRestarts.isEmpty {
                    notes.append("every reading service had exited before processing all acknowledged records")
                    break
                }
                try? await Task.sleep(for: .milliseconds(100))
                continue
            }
            if caughtUpAt == nil { caughtUpAt = clock.now }
            if samplers.isEmpty || lagCannotDrainHere || clock.now - (caughtUpAt ?? clock.now) > options.limits.lag { break }
            if clock.now - lastClusterSample >= .seconds(1), let sample = await sampleLagNow() {
                lastClusterSample = clock.now
                lagSamples += sample
                if !sample.isEmpty, sample.allSatisfy({ $0.lag == 0 }) { break }
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        await finishTimedSteps(until: deadline)
        skipUnreachedSteps()
        await restoreCluster()
        publishCounters(force: true)
    }

    /// Fires the steps that wait only for time (a broker coming back up, a member leaving), so a scenario that
    /// took something away always gives it back, even when the input ended first.
    private func finishTimedSteps(until deadline: ContinuousClock.Instant) async {
        func waitingOnTime() -> Bool {
            scenarios.contains { state in
                if case .afterPrevious? = state.pending?.trigger { return true }
                return false
            }
        }
        while waitingOnTime() || !pendingRemovals.isEmpty, clock.now < deadline, !Task.isCancelled {
            await pollEvents()
            await fireDueSteps()
            try? restartDue()
            await removeDueMembers()
            try? await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Brings every broker a fault left down back up and forgets pushed request errors, so the final drain
    /// reads a whole cluster.
    func restoreCluster() async {
        guard let cluster else { return }
        for broker in cluster.downBrokers.sorted() {
            do {
                try cluster.setBrokerUp(broker)
                mark(.fault, subject: "cleanup", detail: "broker \(broker) up")
            } catch {
                mark(.faultSkipped, subject: "cleanup", detail: "broker \(broker) up: \(error)")
            }
        }
        for key in [KafkaAPIKey.produce, .fetch, .offsetCommit, .addPartitionsToTxn, .endTxn] {
            cluster.clearRequestErrors(key)
        }
    }

    /// A transactional group's offsets are never stored by the embedded cluster, so its lag cannot reach 0
    /// there; waiting for it would only waste the lag limit.
    private var lagCannotDrainHere: Bool {
        clusterKind == .embedded && (plan.usesTransactions || services.contains { $0.role == .processor })
    }

    /// The topics the services read: what they were seen processing, and the inputs of every reading service.
    var readTopics: Set<String> {
        processedTopics.union(services.filter { $0.role?.reads ?? false }.flatMap(\.inputTopics))
    }

    /// Whether every value acknowledged on a topic the services read has been processed.
    var isCaughtUp: Bool {
        readTopics.allSatisfy { topic in
            (ackedByTopic[topic] ?? []).isSubset(of: readByTopic[topic] ?? [])
        }
    }

    /// Lag per partition of every group as the services' events tell it: the last acknowledged offset + 1
    /// against the group's last successful commit.
    func eventLagSamples() -> [LagSample] {
        let now = Self.nowMs()
        var samples: [LagSample] = []
        for (group, committed) in committedByGroup.sorted(by: { $0.key < $1.key }) {
            let topics = Set(services.filter { $0.group == group }.flatMap(\.topics))
            for (partition, high) in highByPartition.sorted(by: { $0.key < $1.key }) where topics.contains(partition.topic) {
                samples.append(LagSample(
                    timestamp: now, group: group, topic: partition.topic, partition: partition.partition, committed: committed[partition],
                    high: high, low: 0, source: .events))
            }
        }
        return samples
    }

    /// Reads new lines from every event file and learns from them.
    func pollEvents() async {
        await readEventFiles(finish: false)
    }

    /// Reads every event file (the last time with `finish`, which also reports a cut-off last line).
    private func readEventFiles(finish: Bool) async {
        let current = instances.map(\.reader) + (driverReader.map { [$0] } ?? [])
        let (updated, fresh) = await BlockingIO.run { () -> ([EventLogReader], [RecordedEvent]) in
            var readers = current
            var fresh: [RecordedEvent] = []
            for index in readers.indices { fresh += finish ? readers[index].finish() : readers[index].readAvailable() }
            return (readers, fresh)
        }
        for index in instances.indices where index < updated.count { instances[index].reader = updated[index] }
        if driverReader != nil, let last = updated.last, updated.count == instances.count + 1 { driverReader = last }
        for recorded in fresh { await learn(from: recorded) }
        events += fresh
    }

    private func learn(from recorded: RecordedEvent) async {
        switch recorded.event.kind {
        case .startupComplete(let role, let topics, let group):
            if let index = instances.firstIndex(where: { $0.name == recorded.instance }) {
                instances[index].hasStarted = true
                let service = instances[index].serviceIndex
                if services[service].role == nil { services[service].role = role }
                for topic in topics where !services[service].topics.contains(topic) { services[service].topics.append(topic) }
                if services[service].startupTopics.isEmpty { services[service].startupTopics = topics }
                if services[service].group == nil { services[service].group = group }
            }
            if let group { groupOfInstance[recorded.instance] = group }
            if role?.reads == true {
                for topic in topics { try? await ensureTopic(topic, partitions: nil) }
                if let group, samplers[group] == nil {
                    samplers[group] = try? LagSampler(group: group, bootstrapServers: bootstrap, logger: logger)
                }
            }
        case .shutdownComplete where recorded.instance == InputDriver.instance:
            driverExited = true
            mark(.processExited, subject: InputDriver.instance, detail: "input driver finished")
        case .producerSend(let topic, _, _):
            counters.sent += 1
            noteWritten(topic, by: recorded.instance)
        case .producerSendSuccess(let topic, _, let value, let partition, let offset):
            if ackedByTopic[topic, default: []].insert(value).inserted { counters.acked += 1 }
            let slot = KafkaTopicPartition(topic: topic, partition: partition)
            highByPartition[slot] = max(highByPartition[slot] ?? 0, offset + 1)
            if knownTopics[topic] == nil { await learnTopic(topic) }
        case .offsetsCommitted(let offsets, let success, _) where success:
            guard let group = groupOfInstance[recorded.instance] else { break }
            for committed in offsets {
                let slot = KafkaTopicPartition(topic: committed.topic, partition: committed.partition)
                committedByGroup[group, default: [:]][slot] = committed.offset
            }
        case .recordData(let topic, _, _, _, let value):
            processedTopics.insert(topic)
            if readByTopic[topic, default: []].insert(value).inserted {
                counters.read += 1
                lastReadChange = clock.now
            }
        case .deadLetter(let topic, _, let value, let sourceTopic, _, _, _):
            noteWritten(topic, by: recorded.instance)
            processedTopics.insert(sourceTopic)
            if readByTopic[sourceTopic, default: []].insert(value).inserted {
                counters.read += 1
                lastReadChange = clock.now
            }
        default:
            break
        }
    }

    private func noteWritten(_ topic: String, by instance: String) {
        guard let index = instances.firstIndex(where: { $0.name == instance }) else { return }
        services[instances[index].serviceIndex].written.insert(topic)
    }

    /// Notes processes that ended, and says so when one ended that nobody stopped.
    func handleExits() {
        for index in instances.indices where !instances[index].exitNoted {
            guard let exit = instances[index].child.exit else { continue }
            instances[index].exitNoted = true
            let instance = instances[index]
            mark(.processExited, subject: instance.name, detail: exit.description)
            let isProducer = services[instance.serviceIndex].role == .producer
            if !instance.stoppedByRunner && !(isProducer && exit.isSuccess) {
                notes.append("\(instance.name) exited on its own (\(exit)); its log: \(instance.child.errorPath)")
            }
        }
    }

    func publishCounters(force: Bool) {
        guard force || clock.now - lastCountersSent >= .milliseconds(250) else { return }
        lastCountersSent = clock.now
        progress?.yield(.counters(number: plan.number, counters))
    }

    /// One lag sample of every group seen so far.
    func sampleLagNow() async -> [LagSample]? {
        guard !samplers.isEmpty else { return nil }
        var samples: [LagSample] = []
        for (group, sampler) in samplers.sorted(by: { $0.key < $1.key }) {
            let topics = Set(services.filter { $0.group == group }.flatMap(\.topics)).filter { readTopics.contains($0) }
            let partitions = topics.sorted().flatMap { topic in
                (0..<Int32(knownTopics[topic] ?? 0)).map { KafkaTopicPartition(topic: topic, partition: $0) }
            }
            samples += await sampler.sample(partitions, timeout: .seconds(2))
        }
        return samples
    }

    /// Stops the input driver and every process (SIGTERM, then SIGKILL), then reads what they wrote last.
    func stopEverything() async {
        driver?.cancel()
        await driver?.value
        for index in instances.indices where instances[index].child.isRunning { instances[index].stoppedByRunner = true }
        await supervisor.terminateAll(grace: options.limits.stopGrace)
        for task in stopTasks { await task.value }
        await readEventFiles(finish: true)
        handleExits()
        let logs = instances.map { ($0.name, $0.child.errorPath) }
        let crashes = await BlockingIO.run { logs.compactMap { name, path in Self.crashLine(in: path).map { "\(name) crashed: \($0)" } } }
        notes += crashes
    }

    /// Kills processes whose log tells of a crash but which still run: seen here, a librdkafka assertion left
    /// a service running without consuming, so waiting for it would only use up the idle limit.
    private func stopCrashedProcesses() async {
        let running = instances.enumerated().filter { $0.element.child.isRunning && !$0.element.stoppedByRunner }
            .map { ($0.offset, $0.element.child.errorPath) }
        guard !running.isEmpty else { return }
        let crashed = await BlockingIO.run { running.compactMap { index, path in Self.crashLine(in: path).map { (index, $0) } } }
        for (index, _) in crashed {
            instances[index].stoppedByRunner = true
            instances[index].child.signalGroup(SIGKILL)
            notes.append("\(instances[index].name) was killed: it crashed but kept running")
        }
    }

    /// The first line of a process log that tells of a crash (an assertion, a Swift fatal error, a signal).
    static func crashLine(in path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let text = String(decoding: (try? handle.read(upToCount: 1 << 20)) ?? Data(), as: UTF8.self)
        let markers = ["Assertion `", "Fatal error:", "Program crashed:", "Segmentation fault", "terminate called"]
        return text.split(separator: "\n").first { line in markers.contains { line.contains($0) } }
            .map { String($0.prefix(300)) }
    }

    /// Reads every topic of the run from where the run started in it.
    func drainTopics(skip: Bool) async -> DrainResult {
        guard !skip, !bootstrap.isEmpty else { return DrainResult(incomplete: ["the run did not start, so nothing was drained"]) }
        var topics = Set(knownTopics.keys).union(readTopics)
        for recorded in events {
            switch recorded.event.kind {
            case .producerSendSuccess(let topic, _, _, _, _), .recordData(let topic, _, _, _, _): topics.insert(topic)
            case .startupComplete(_, let declared, _): topics.formUnion(declared)
            default: break
            }
        }
        return await FinalDrain.run(
            bootstrapServers: bootstrap, topics: topics.sorted(), startOffsets: startOffsets, timeout: options.limits.drain,
            avroValues: registryURL.map(AvroValueIdentity.init(registryURL:)), logger: logger)
    }

    func closeClients() async {
        await stopRegistry()
        for sampler in samplers.values { await sampler.close() }
        samplers.removeAll()
        await admin?.close()
        admin = nil
        cluster = nil
        await owner?.stop()
        await clusterSupervisor.terminateAll(grace: .seconds(5))
    }

    /// Turns the history into the lesson's result.
    func check(_ history: History, failure: String?) -> LessonResult {
        let transactional = plan.usesTransactions || HistoryChecker.isTransactional(history)
            || services.contains { $0.role == .processor }
        let checker = HistoryChecker(assertions: plan.assertions, cluster: clusterKind, transactional: transactional)
        let result = checker.check(history)
        var outcomes: [CheckOutcome] = []
        let diagnostics = instances.flatMap(\.reader.diagnostics) + (driverReader?.diagnostics ?? [])
        if let failure {
            outcomes.append(CheckOutcome(name: "run", status: .failed, detail: failure))
            // Nothing ran (a build failed, the cluster did not start): the claims were never exercised.
            if history.events.isEmpty {
                return LessonResult(
                    number: plan.number, id: plan.id, title: plan.title, kind: plan.kind, status: .failed, summary: "failed: \(failure)",
                    outcomes: outcomes, scenarios: plan.faults.map(\.name), marks: marks, cluster: clusterKind, broker: owner?.profile,
                    counters: counters, artifacts: workDirectory.path, notes: (plan.notes.map { [$0] } ?? []) + notes)
            }
        }
        let errors = diagnostics.filter { $0.severity == .error }
        if errors.isEmpty {
            let processes = Set(history.events.map(\.instance)).count
            outcomes.append(CheckOutcome(
                name: "event-contract", status: .passed,
                detail: "\(history.events.count) events from \(processes) processes, all following EVENTS.md"))
        } else {
            outcomes.append(CheckOutcome(
                name: "event-contract", status: .failed,
                detail: "\(errors.count) malformed event lines; first: \(errors[0])"))
        }
        outcomes += result.outcomes
        outcomes += schemaOutcomes
        var allNotes = (plan.notes.map { [$0] } ?? []) + notes
        if !history.drain.incomplete.isEmpty { allNotes.append("drain: " + history.drain.incomplete.joined(separator: "; ")) }
        let status = LessonResult.status(of: outcomes)
        return LessonResult(
            number: plan.number, id: plan.id, title: plan.title, kind: plan.kind, status: status,
            summary: Self.summary(status, outcomes), outcomes: outcomes, observations: result.observations, diagnostics: diagnostics,
            scenarios: plan.faults.map(\.name), marks: marks, cluster: clusterKind, broker: owner?.profile, counters: counters,
            artifacts: workDirectory.path, notes: allNotes)
    }

    static func summary(_ status: LessonResult.Status, _ outcomes: [CheckOutcome]) -> String {
        switch status {
        case .failed:
            let failed = outcomes.filter { $0.status == .failed }
            return "failed: " + failed.map { "\($0.name) (\($0.detail))" }.joined(separator: "; ")
        case .needsRealCluster:
            let names = outcomes.filter { $0.status == .needsRealCluster }.map(\.name)
            return "passed what the embedded cluster can prove; \(names.joined(separator: ", ")) need a real cluster (--bootstrap)"
        case .passed:
            return "all \(outcomes.count) checks passed"
        case .pending:
            return "pending"
        }
    }
}

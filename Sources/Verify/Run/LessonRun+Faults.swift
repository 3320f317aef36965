import Foundation
import EmbeddedKafka
import Kafka

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where one fault scenario is in its schedule.
struct ScenarioState {
    var scenario: FaultScenario
    var next = 0
    var lastFired: ContinuousClock.Instant?

    var pending: FaultStep? { next < scenario.steps.count ? scenario.steps[next] : nil }
}

extension LessonRun {
    /// Fires every step whose trigger has been reached, each scenario in its own order.
    func fireDueSteps() async {
        guard started else { return }
        for index in scenarios.indices {
            while let step = scenarios[index].pending, isDue(step.trigger, scenarios[index]) {
                await perform(step.action, scenario: scenarios[index].scenario.name)
                scenarios[index].next += 1
                scenarios[index].lastFired = clock.now
            }
        }
    }

    private func isDue(_ trigger: FaultTrigger, _ state: ScenarioState) -> Bool {
        switch trigger {
        case .atStart:
            return true
        case .afterAcked(let fraction):
            return Double(counters.acked) >= fraction * Double(counters.planned)
        case .afterConsumed(let fraction):
            return Double(counters.read) >= fraction * Double(counters.planned)
        case .afterPrevious(let milliseconds):
            guard let last = state.lastFired else { return true }
            return clock.now - last >= .milliseconds(milliseconds)
        }
    }

    /// Marks every step that never fired, so the report says which parts of a scenario did not happen.
    func skipUnreachedSteps() {
        for index in scenarios.indices {
            while let step = scenarios[index].pending {
                mark(.faultSkipped, subject: scenarios[index].scenario.name, detail: "\(step.action) not reached (\(step.trigger))")
                scenarios[index].next += 1
            }
        }
    }

    private func perform(_ action: FaultAction, scenario: String) async {
        switch action {
        case .cluster(let fault):
            guard let cluster else {
                mark(.faultSkipped, subject: scenario, detail: "\(fault): needs the embedded cluster's fault API, not available with \(brokerOption)")
                return
            }
            do {
                try fault.apply(to: cluster)
                mark(.fault, subject: scenario, detail: fault.description)
            } catch {
                mark(.faultSkipped, subject: scenario, detail: "\(fault): \(error)")
            }
        case .moveLeaders:
            await moveLeaders(scenario: scenario)
        case .killAndRestart(let target, let pause):
            guard let index = instances.lastIndex(where: { $0.child.isRunning && matches(target, $0) && !$0.isExtra })
                ?? instances.lastIndex(where: { $0.child.isRunning && matches(target, $0) })
            else {
                mark(.faultSkipped, subject: scenario, detail: "no running \(target.rawValue) to kill")
                return
            }
            let members = await membersToExpire(of: instances[index].name)
            instances[index].stoppedByRunner = true
            instances[index].child.signalGroup(SIGKILL)
            _ = await instances[index].child.waitForExit(timeout: .seconds(5))
            mark(.fault, subject: scenario, detail: "\(instances[index].name) killed with SIGKILL; restart in \(pause) ms")
            pendingRestarts.append((clock.now + .milliseconds(pause), instances[index].serviceIndex))
            if let members {
                pendingRemovals.append((
                    clock.now + .milliseconds(options.sessionTimeoutMs), members.group, members.ids, instances[index].name))
            }
        case .startExtraInstance(let target):
            guard let service = services.indices.first(where: { services[$0].role.map(target.matches) ?? false }) else {
                mark(.faultSkipped, subject: scenario, detail: "no \(target.rawValue) service to start another instance of")
                return
            }
            do {
                try launch(service: service, extra: true)
                mark(.fault, subject: scenario, detail: "another \(services[service].name) instance started")
            } catch {
                mark(.faultSkipped, subject: scenario, detail: "could not start another \(services[service].name): \(error)")
            }
        case .stopExtraInstance(let target):
            guard let index = instances.lastIndex(where: { $0.isExtra && $0.child.isRunning && matches(target, $0) }) else {
                mark(.faultSkipped, subject: scenario, detail: "no extra \(target.rawValue) instance running to stop")
                return
            }
            instances[index].stoppedByRunner = true
            let child = instances[index].child
            let grace = options.limits.stopGrace
            stopTasks.append(Task { await child.terminate(grace: grace) })
            mark(.fault, subject: scenario, detail: "\(instances[index].name) stopped with SIGTERM")
        case .pauseBroker(let milliseconds):
            guard let owner else { return }
            if owner.pause(for: .milliseconds(milliseconds)) {
                mark(.fault, subject: scenario, detail: "\(owner.profile.name) paused (SIGSTOP); resumed (SIGCONT) in \(milliseconds) ms")
            } else {
                mark(.faultSkipped, subject: scenario, detail: "\(owner.profile.name) has no process verify started, so it cannot be paused")
            }
        }
    }

    /// The option that chose a broker without the fault API, for messages.
    private var brokerOption: String {
        if case .noida = options.broker { return "--broker noida" }
        return "--bootstrap"
    }

    private func matches(_ target: ProcessTarget, _ instance: ServiceInstance) -> Bool {
        services[instance.serviceIndex].role.map(target.matches) ?? false
    }

    /// Moves each partition's leader to the next broker, reading the current leaders from metadata.
    private func moveLeaders(scenario: String) async {
        guard let cluster, let admin else {
            mark(.faultSkipped, subject: scenario, detail: "moving leaders needs the embedded cluster's fault API, not available with \(brokerOption)")
            return
        }
        guard let metadata = try? await admin.metadata(timeout: .seconds(10)) else {
            mark(.faultSkipped, subject: scenario, detail: "could not read metadata to find the leaders")
            return
        }
        var moved = 0
        for topic in metadata.topics where knownTopics[topic.name] != nil {
            for partition in topic.partitions {
                let next = Int32(partition.leader % Int32(cluster.brokerCount) + 1)
                if (try? cluster.setLeader(topic: topic.name, partition: partition.id, broker: next)) != nil { moved += 1 }
            }
        }
        if moved > 0 {
            mark(.fault, subject: scenario, detail: "moved the leaders of \(moved) partitions to the next broker")
        } else {
            mark(.faultSkipped, subject: scenario, detail: "no partition leader could be moved")
        }
    }

    /// On a broker that never expires a silent member, the members of `instance`'s group before it is killed:
    /// verify removes them once the session timeout has passed, as Kafka's coordinator would.
    private func membersToExpire(of instance: String) async -> (group: String, ids: [String])? {
        guard owner?.expiresSilentMembers == false, let group = groupOfInstance[instance], let admin,
            let description = try? await admin.describeConsumerGroups([group], timeout: .seconds(5)).first,
            !description.members.isEmpty
        else { return nil }
        return (group, description.members.map(\.memberId))
    }

    /// Sends LeaveGroup for the members of killed processes whose session timeout has passed.
    func removeDueMembers() async {
        let now = clock.now
        let due = pendingRemovals.filter { $0.at <= now }
        pendingRemovals.removeAll { $0.at <= now }
        for removal in due {
            let bootstrap = self.bootstrap
            let outcome = await BlockingIO.run { () -> Result<[Int16], VerifyError> in
                do {
                    return .success(try GroupMemberRemoval.leave(bootstrap: bootstrap, group: removal.group, memberIDs: removal.members))
                } catch let error as VerifyError {
                    return .failure(error)
                } catch {
                    return .failure(.cluster("\(error)"))
                }
            }
            let subject = owner?.profile.name ?? "broker"
            switch outcome {
            case .success(let codes):
                mark(.fault, subject: subject, detail: "session of \(removal.killed) expired by verify: LeaveGroup for the "
                    + "\(removal.members.count) members group \(removal.group) had when it was killed (error codes \(codes)); "
                    + "\(subject) does not expire silent members itself")
            case .failure(let error):
                mark(.faultSkipped, subject: subject, detail: "could not expire the session of \(removal.killed): \(error)")
            }
        }
    }

    /// Starts again the services killed by a fault once their pause is over.
    func restartDue() throws {
        let now = clock.now
        let due = pendingRestarts.filter { $0.at <= now }
        pendingRestarts.removeAll { $0.at <= now }
        for restart in due {
            try launch(service: restart.service, extra: false)
        }
    }
}

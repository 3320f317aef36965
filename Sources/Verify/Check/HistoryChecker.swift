public import KafkaSkillModel
import KafkaServiceRuntime
/// Checks a history against a lesson's claims: pure functions from a ``History`` to anomalies and verdicts.
///
/// Each detector (``lostWrites(in:)``, ``duplicates(in:)``, …) finds one kind of ``Anomaly`` and can be called
/// on its own. ``check(_:)`` runs them all and sorts the anomalies by the claim they refute: a claimed
/// assertion with anomalies fails; anomalies against claims the lesson does not make are reported as
/// acceptable observations (for example duplicates from a producer that does not claim idempotence). A claim
/// the cluster cannot prove is "needs a real cluster", never passed.
public struct HistoryChecker: Sendable {
    /// The claims to check.
    public var assertions: [DeliveryAssertion]
    /// The cluster the history was recorded on.
    public var cluster: ClusterKind
    /// Whether the run used transactions (decides what the embedded cluster can prove).
    public var transactional: Bool

    /// Creates a checker.
    /// - Parameters:
    ///   - assertions: The claims to check.
    ///   - cluster: The cluster the history was recorded on.
    ///   - transactional: Whether the run used transactions.
    public init(assertions: [DeliveryAssertion], cluster: ClusterKind, transactional: Bool) {
        self.assertions = assertions
        self.cluster = cluster
        self.transactional = transactional
    }

    /// Every anomaly every detector finds.
    public static func anomalies(in history: History) -> [Anomaly] {
        lostWrites(in: history) + unseen(in: history) + inconsistentOffsets(in: history) + duplicates(in: history)
            + redeliveries(in: history) + orderViolations(in: history) + nonmonotonicReads(in: history)
            + abortedReads(in: history) + committedAhead(in: history) + lagNotDrained(in: history)
    }

    /// Whether a history shows transactions: `transaction_*` events or a processor.
    public static func isTransactional(_ history: History) -> Bool {
        history.events.contains { recorded in
            switch recorded.event.kind {
            case .transactionBegin, .transactionCommit, .transactionAbort: return true
            case .startupComplete(let role, _, _, _): return role == .processor
            default: return false
            }
        }
    }

    /// Checks the history.
    /// - Parameter history: The recorded run.
    /// - Returns: A verdict per claimed assertion and the acceptable observations.
    public func check(_ history: History) -> HistoryCheck {
        let found = Self.anomalies(in: history)
        var outcomes: [CheckOutcome] = []
        for assertion in assertions.sorted() {
            let evidence = found.filter { $0.kind.assertion == assertion }
            if let limitation = cluster.limitation(for: assertion, transactional: transactional) {
                let seen = evidence.isEmpty ? "" : " (seen there: \(evidence.count) \(evidence.count == 1 ? "anomaly" : "anomalies"))"
                outcomes.append(CheckOutcome(
                    name: assertion.rawValue, status: .needsRealCluster, detail: "needs a real cluster: \(limitation)\(seen)",
                    anomalies: evidence))
            } else if let limitation = cluster.limitation(explaining: evidence) {
                outcomes.append(CheckOutcome(
                    name: assertion.rawValue, status: .needsRealCluster,
                    detail: "needs a real cluster: \(limitation). \(Self.failureSummary(evidence))", anomalies: evidence))
            } else if !evidence.isEmpty {
                outcomes.append(CheckOutcome(
                    name: assertion.rawValue, status: .failed, detail: Self.failureSummary(evidence), anomalies: evidence))
            } else if let vacuous = Self.vacuity(of: assertion, in: history) {
                outcomes.append(CheckOutcome(name: assertion.rawValue, status: .failed, detail: vacuous, anomalies: []))
            } else {
                outcomes.append(CheckOutcome(name: assertion.rawValue, status: .passed, detail: Self.passSummary(assertion, history), anomalies: []))
            }
        }
        let claimed = Set(assertions)
        let observations = found.filter { anomaly in
            guard let assertion = anomaly.kind.assertion else { return true }
            return !claimed.contains(assertion)
        }
        return HistoryCheck(outcomes: outcomes, observations: observations)
    }

    /// Why a claim with no anomalies still proves nothing, e.g. nothing was written or no commit was recorded.
    static func vacuity(of assertion: DeliveryAssertion, in history: History) -> String? {
        switch assertion {
        case .noLostWrites:
            if !history.drain.incomplete.isEmpty {
                return "the final drain did not finish (\(history.drain.incomplete.joined(separator: "; "))), so lost writes cannot be ruled out"
            }
            return HistoryIndex(history).committedValues.isEmpty
                ? "no acknowledged write was recorded (producer_send_success), so there was nothing to lose" : nil
        case .noDuplicates, .noAbortedReads:
            if !history.drain.incomplete.isEmpty {
                return "the final drain did not finish (\(history.drain.incomplete.joined(separator: "; ")))"
            }
            return history.drain.records.isEmpty ? "the final drain read no records, so the claim was not exercised" : nil
        case .perKeyOrder:
            let keyed = Dictionary(grouping: history.drain.records.filter { $0.key != nil }) { "\($0.topic)/\($0.key ?? "")" }
            return keyed.values.contains { $0.count > 1 } ? nil : "no key has two records in the log, so order was not exercised"
        case .committedNotAhead:
            let commits = history.events.contains { recorded in
                if case .offsetsCommitted(let offsets, let success, _) = recorded.event.kind { return success && !offsets.isEmpty }
                return false
            }
            return commits ? nil : "no successful offsets_committed event was recorded; the consumer must emit one per commit (the service-event protocol)"
        case .lagDrains:
            return history.lagSamples.isEmpty
                ? "no consumer-group lag was sampled: no service reported a group in startup_complete" : nil
        }
    }

    private static func failureSummary(_ evidence: [Anomaly]) -> String {
        let counts = Dictionary(grouping: evidence, by: \.kind).map { "\($0.value.count) \($0.key.rawValue)" }.sorted()
        return counts.joined(separator: ", ") + "; first: \(evidence[0].summary)"
    }

    private static func passSummary(_ assertion: DeliveryAssertion, _ history: History) -> String {
        let index = HistoryIndex(history)
        switch assertion {
        case .noLostWrites:
            let read = index.committedValues.filter { index.reads[$0] != nil }.count
            return "\(index.committedValues.count) acknowledged writes all in the log"
                + (index.readTopics.isEmpty ? "" : "; \(read) processed by the services")
        case .noDuplicates:
            return "\(history.drain.records.count) records in the log, each value once"
        case .perKeyOrder:
            return "every key's records are in send order in one partition, and every consumer read forward"
        case .noAbortedReads:
            return "no record of an aborted transaction or failed send was read"
        case .committedNotAhead:
            let commits = history.events.filter { if case .offsetsCommitted(_, true, _) = $0.event.kind { return true } else { return false } }
            return "\(commits.count) commits, none beyond the processed position"
        case .lagDrains:
            return "every partition's lag reached 0 after the input stopped"
        }
    }
}

/// The verdict on one claim (or one spec check), with the anomalies behind it.
public struct CheckOutcome: Sendable, Hashable, Codable {
    /// The verdict.
    public enum Status: String, Sendable, Hashable, Codable {
        /// The claim holds on this run.
        case passed
        /// The claim does not hold, or the run could not exercise it.
        case failed
        /// This cluster cannot prove the claim; a real Kafka cluster (`--bootstrap`) can.
        case needsRealCluster = "needs-real-cluster"
    }

    /// The assertion (e.g. `no-lost-writes`) or spec check name.
    public var name: String
    /// The verdict.
    public var status: Status
    /// Why: counts on a pass, the first anomaly on a failure, the limitation for needs-real-cluster.
    public var detail: String
    /// The anomalies behind a failure (or seen on a cluster that cannot prove the claim).
    public var anomalies: [Anomaly]

    /// Creates an outcome.
    public init(name: String, status: Status, detail: String, anomalies: [Anomaly] = []) {
        self.name = name
        self.status = status
        self.detail = detail
        self.anomalies = anomalies
    }
}

/// The checker's result for one history.
public struct HistoryCheck: Sendable, Hashable, Codable {
    /// A verdict per claimed assertion.
    public var outcomes: [CheckOutcome]
    /// Anomalies against claims the lesson does not make: reported as acceptable, not failures.
    public var observations: [Anomaly]

    /// Creates a result.
    public init(outcomes: [CheckOutcome], observations: [Anomaly]) {
        self.outcomes = outcomes
        self.observations = observations
    }
}

import EmbeddedKafka
import Kafka

/// A named, reusable fault scenario: a schedule of cluster faults and process actions.
///
/// Lesson specs pick scenarios by name under `verify.faults`. Every scenario of a lesson runs in the same
/// run, each following its own schedule, the way Jepsen combines nemeses.
public struct FaultScenario: Sendable, Hashable, Codable, Identifiable, CustomStringConvertible {
    /// The name lesson specs use, e.g. `consumer-kill-restart`.
    public var name: String
    /// What the scenario does and which claim it tests.
    public var summary: String
    /// The steps, fired in order.
    public var steps: [FaultStep]
    /// The same fault made without the embedded cluster's fault API, for a broker that has none (`noida-db`,
    /// `--bootstrap`), or `nil` when there is no such replacement. Its name is the scenario's.
    public var portable: FaultScenario? {
        get { portableBox.first }
        set { portableBox = newValue.map { [$0] } ?? [] }
    }
    private var portableBox: [FaultScenario]

    /// Creates a scenario.
    public init(name: String, summary: String, steps: [FaultStep], portable: FaultScenario? = nil) {
        self.name = name
        self.summary = summary
        self.steps = steps
        portableBox = portable.map { [$0] } ?? []
    }

    /// The name.
    public var id: String { name }

    /// The name.
    public var description: String { name }

    /// Whether some step needs the embedded cluster's fault API.
    public var needsEmbeddedCluster: Bool { steps.contains { $0.action.needsEmbeddedCluster } }

    /// The scenario with this name, if there is one.
    public static func named(_ name: String) -> FaultScenario? {
        all.first { $0.name == name }
    }

    /// Every scenario, in the order lesson specs tend to use them.
    public static let all: [FaultScenario] = [
        brokerDownDuringProduce, leaderMove, produceErrors, fetchErrors, commitErrors,
        consumerKillRestart, memberJoinLeave, transactionAbort, transactionalFencing,
    ]

    /// Broker 1 goes down before input starts and comes back two seconds later: sends to its partitions must
    /// be retried, not lost or duplicated.
    public static let brokerDownDuringProduce = FaultScenario(
        name: "broker-down-during-produce",
        summary: "Broker 1 is down when production starts and comes back 2 s later.",
        steps: [
            FaultStep(.atStart, .cluster(.brokerDown(broker: 1))),
            FaultStep(.afterPrevious(milliseconds: 2000), .cluster(.brokerUp(broker: 1))),
        ],
        portable: FaultScenario(
            name: "broker-down-during-produce",
            summary: "The broker process verify started is paused (SIGSTOP) when production starts and resumed 2 s later: every "
                + "request waits, as with a hung broker.",
            steps: [FaultStep(.atStart, .pauseBroker(milliseconds: 2000))]))

    /// Every partition leader moves twice while records flow.
    public static let leaderMove = FaultScenario(
        name: "leader-move",
        summary: "Every partition's leader moves to the next broker at 25% and again at 60% acknowledged.",
        steps: [
            FaultStep(.afterAcked(fraction: 0.25), .moveLeaders),
            FaultStep(.afterAcked(fraction: 0.6), .moveLeaders),
        ])

    /// Retriable Produce errors, and a dropped connection, before input starts and again halfway.
    public static let produceErrors = FaultScenario(
        name: "produce-errors",
        summary: "Produce requests fail with retriable errors and a disconnect at start and at 50% acknowledged.",
        steps: [
            FaultStep(.atStart, .cluster(.requestErrors(
                api: "Produce", errors: ["NOT_LEADER_FOR_PARTITION", "REQUEST_TIMED_OUT", "NOT_ENOUGH_REPLICAS", "_TRANSPORT"],
                broker: nil, roundTripMs: 0))),
            FaultStep(.afterAcked(fraction: 0.5), .cluster(.requestErrors(
                api: "Produce", errors: ["_TRANSPORT", "NOT_ENOUGH_REPLICAS"], broker: nil, roundTripMs: 0))),
        ])

    /// Retriable Fetch errors and a dropped connection while the services read.
    public static let fetchErrors = FaultScenario(
        name: "fetch-errors",
        summary: "Fetch requests fail with retriable errors and a disconnect at 20% and 60% consumed.",
        steps: [
            FaultStep(.afterConsumed(fraction: 0.2), .cluster(.requestErrors(
                api: "Fetch", errors: ["NOT_LEADER_FOR_PARTITION", "_TRANSPORT", "REQUEST_TIMED_OUT"], broker: nil, roundTripMs: 0))),
            FaultStep(.afterConsumed(fraction: 0.6), .cluster(.requestErrors(
                api: "Fetch", errors: ["_TRANSPORT", "NOT_LEADER_FOR_PARTITION"], broker: nil, roundTripMs: 0))),
        ])

    /// Offset commits fail with coordinator errors and a timeout.
    public static let commitErrors = FaultScenario(
        name: "commit-errors",
        summary: "OffsetCommit requests fail with coordinator errors and a timeout at 30% and 70% consumed.",
        steps: [
            FaultStep(.afterConsumed(fraction: 0.3), .cluster(.requestErrors(
                api: "OffsetCommit", errors: ["COORDINATOR_NOT_AVAILABLE", "NOT_COORDINATOR", "REQUEST_TIMED_OUT"],
                broker: nil, roundTripMs: 0))),
            FaultStep(.afterConsumed(fraction: 0.7), .cluster(.requestErrors(
                api: "OffsetCommit", errors: ["REQUEST_TIMED_OUT", "COORDINATOR_NOT_AVAILABLE"], broker: nil, roundTripMs: 0))),
        ])

    /// A consumer dies without warning mid-stream and is started again.
    public static let consumerKillRestart = FaultScenario(
        name: "consumer-kill-restart",
        summary: "A consumer (or processor) process is killed with SIGKILL at 30% consumed and restarted 500 ms later.",
        steps: [
            FaultStep(.afterConsumed(fraction: 0.3), .killAndRestart(.reader, restartAfterMilliseconds: 500)),
        ])

    /// A second member joins the group and later leaves cleanly: two rebalances mid-stream.
    public static let memberJoinLeave = FaultScenario(
        name: "member-join-leave",
        summary: "A second consumer joins the group at 15% consumed and leaves (SIGTERM) at 60% consumed.",
        steps: [
            FaultStep(.afterConsumed(fraction: 0.15), .startExtraInstance(.reader)),
            FaultStep(.afterConsumed(fraction: 0.6), .stopExtraInstance(.reader)),
        ])

    /// A transaction fails with an abortable error: the processor must abort, rewind and retry.
    public static let transactionAbort = FaultScenario(
        name: "transaction-abort",
        summary: "AddPartitionsToTxn fails with TOPIC_AUTHORIZATION_FAILED at 25% consumed, which makes the open "
            + "transaction abortable.",
        steps: [
            FaultStep(.afterConsumed(fraction: 0.25), .cluster(.requestErrors(
                api: "AddPartitionsToTxn", errors: ["TOPIC_AUTHORIZATION_FAILED"], broker: nil, roundTripMs: 0))),
        ],
        portable: FaultScenario(
            name: "transaction-abort",
            summary: "The processor is killed (SIGKILL) mid-transaction at 25% consumed and restarted at once: the broker aborts "
                + "the open transaction when the new instance initialises the same transactional.id, and the new owner "
                + "processes that batch again from the committed offsets.",
            steps: [FaultStep(.afterConsumed(fraction: 0.25), .killAndRestart(.processor, restartAfterMilliseconds: 0))]))

    /// A second processor with the same `transactional.id` starts and fences the first.
    public static let transactionalFencing = FaultScenario(
        name: "transactional-fencing",
        summary: "A second processor instance with the same environment (so the same transactional.id) starts at "
            + "40% consumed and fences the first.",
        steps: [
            FaultStep(.afterConsumed(fraction: 0.4), .startExtraInstance(.processor)),
        ])
}

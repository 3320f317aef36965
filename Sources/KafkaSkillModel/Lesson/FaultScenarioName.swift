/// The fault scenarios a lesson spec can name under `verify.faults`: the one list of names.
///
/// Verify maps each case to its schedule with an exhaustive `switch`, so a scenario added here without a
/// schedule does not compile, and a name in a spec that is not here is a load error at the spec's
/// `file:line:column`.
public enum FaultScenarioName: String, Sendable, Hashable, Codable, CaseIterable {
    /// A broker goes down while records are produced.
    case brokerDownDuringProduce = "broker-down-during-produce"
    /// Partition leaders move to other brokers.
    case leaderMove = "leader-move"
    /// Produce requests fail with injected errors.
    case produceErrors = "produce-errors"
    /// Fetch requests fail with injected errors.
    case fetchErrors = "fetch-errors"
    /// Offset commits fail with injected errors.
    case commitErrors = "commit-errors"
    /// A consumer is killed and restarted.
    case consumerKillRestart = "consumer-kill-restart"
    /// Group members join and leave, forcing rebalances.
    case memberJoinLeave = "member-join-leave"
    /// A transaction is aborted.
    case transactionAbort = "transaction-abort"
    /// A second producer with the same `transactional.id` fences the first.
    case transactionalFencing = "transactional-fencing"
}

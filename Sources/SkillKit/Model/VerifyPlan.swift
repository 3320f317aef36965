/// How `kafka-skill verify` proves a lesson.
public struct VerifyPlan: Sendable, Equatable {
    /// Whether the lesson is proved by running examples or is a concept-only lesson.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// Build and run the examples under the faults, then check the assertions.
        case run
        /// Nothing to run: the lesson teaches concepts only.
        case concept
    }

    /// Whether anything is run.
    public var kind: Kind
    /// The examples (folders under `examples/`) to build and run.
    public var examples: [String]
    /// The fault scenarios to inject.
    public var faults: [FaultScenario]
    /// The history assertions that must hold.
    public var assertions: [HistoryAssertion]
    /// What the plan cannot prove on the embedded cluster, or other remarks.
    public var notes: String?
    /// Breaking schema changes the schema registry must refuse (`refusedSchemas:`).
    public var refusedSchemas: [RefusedSchema]
    /// Where the plan is defined.
    public var location: SourceLocation

    /// A breaking schema offered to a subject, which the registry must refuse.
    public struct RefusedSchema: Sendable, Equatable {
        /// The `.avsc` file, relative to the project root.
        public var file: String
        /// The registry subject it is offered to.
        public var subject: String

        /// Creates an entry.
        public init(file: String, subject: String) {
            self.file = file
            self.subject = subject
        }
    }

    /// Creates a verify plan.
    public init(
        kind: Kind, examples: [String], faults: [FaultScenario], assertions: [HistoryAssertion], notes: String?,
        refusedSchemas: [RefusedSchema] = [], location: SourceLocation
    ) {
        self.kind = kind
        self.examples = examples
        self.faults = faults
        self.assertions = assertions
        self.notes = notes
        self.refusedSchemas = refusedSchemas
        self.location = location
    }
}

/// A fault scenario the Verify module can inject.
public enum FaultScenario: String, Sendable, Equatable, CaseIterable {
    /// A broker goes down while records are produced.
    case brokerDownDuringProduce = "broker-down-during-produce"
    /// A partition leader moves to another broker.
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

/// An assertion the Verify module checks over the recorded history.
public enum HistoryAssertion: String, Sendable, Equatable, CaseIterable {
    /// Every acknowledged write is eventually read.
    case noLostWrites = "no-lost-writes"
    /// No value is read (or written) more than once.
    case noDuplicates = "no-duplicates"
    /// Records with the same key are read in the order they were written.
    case perKeyOrder = "per-key-order"
    /// A read-committed consumer never sees a record of an aborted transaction.
    case noAbortedReads = "no-aborted-reads"
    /// A committed offset is never ahead of what was processed.
    case committedNotAhead = "committed-not-ahead"
    /// Consumer lag returns to zero after the load stops.
    case lagDrains = "lag-drains"
}

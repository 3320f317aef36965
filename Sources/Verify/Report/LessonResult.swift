/// The outcome of verifying one lesson.
public struct LessonResult: Sendable, Hashable, Codable {
    /// The lesson's overall verdict.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Every check passed.
        case passed
        /// Some check failed, or the run could not be completed.
        case failed
        /// The examples it names do not exist yet.
        case pending
        /// Every check this cluster can prove passed; the others need a real cluster.
        case needsRealCluster = "needs-real-cluster"
    }

    /// The lesson number.
    public var number: Int
    /// The lesson id.
    public var id: String
    /// The title.
    public var title: String
    /// Run or concept.
    public var kind: LessonPlan.Kind
    /// The verdict.
    public var status: Status
    /// One line on why.
    public var summary: String
    /// The checks: one per claimed assertion for a run, the spec checks for a concept lesson.
    public var outcomes: [CheckOutcome]
    /// Anomalies against claims the lesson does not make (acceptable).
    public var observations: [Anomaly]
    /// Problems in the services' event output.
    public var diagnostics: [EventDiagnostic]
    /// For a pending lesson, what it waits for.
    public var waitsFor: [String]
    /// The fault scenarios of the plan.
    public var scenarios: [String]
    /// Faults fired, processes started and stopped, with times.
    public var marks: [RunMark]
    /// The cluster the run used.
    public var cluster: ClusterKind?
    /// The broker the run used, its version, and what it can and cannot prove.
    public var broker: BrokerProfile?
    /// Final counters.
    public var counters: ProgressCounters
    /// Throughput and lag over time, for the charts.
    public var timeline: Timeline
    /// How long the lesson took, in seconds.
    public var seconds: Double
    /// Where the run's event files and process logs are.
    public var artifacts: String?
    /// Remarks: the plan's notes, unexpected process exits, builds reused.
    public var notes: [String]

    /// Creates a result.
    public init(
        number: Int, id: String, title: String, kind: LessonPlan.Kind, status: Status, summary: String, outcomes: [CheckOutcome] = [],
        observations: [Anomaly] = [], diagnostics: [EventDiagnostic] = [], waitsFor: [String] = [], scenarios: [String] = [],
        marks: [RunMark] = [], cluster: ClusterKind? = nil, broker: BrokerProfile? = nil, counters: ProgressCounters = ProgressCounters(), timeline: Timeline = Timeline(),
        seconds: Double = 0, artifacts: String? = nil, notes: [String] = []
    ) {
        self.number = number
        self.id = id
        self.title = title
        self.kind = kind
        self.status = status
        self.summary = summary
        self.outcomes = outcomes
        self.observations = observations
        self.diagnostics = diagnostics
        self.waitsFor = waitsFor
        self.scenarios = scenarios
        self.marks = marks
        self.cluster = cluster
        self.broker = broker
        self.counters = counters
        self.timeline = timeline
        self.seconds = seconds
        self.artifacts = artifacts
        self.notes = notes
    }

    /// The verdict the outcomes add up to: failed if any failed, needs-real-cluster if any needs one,
    /// passed otherwise.
    public static func status(of outcomes: [CheckOutcome]) -> Status {
        if outcomes.contains(where: { $0.status == .failed }) { return .failed }
        if outcomes.contains(where: { $0.status == .needsRealCluster }) { return .needsRealCluster }
        return .passed
    }
}

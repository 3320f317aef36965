/// What a lesson run is doing now.
public enum LessonPhase: String, Sendable, Hashable, Codable, CaseIterable {
    /// Building the examples (or reusing cached builds).
    case building
    /// Starting the cluster, creating topics and starting the services.
    case starting
    /// Producing input, injecting faults, recording the history.
    case running
    /// Input is done; waiting for the consumers to catch up and the lag to drain.
    case settling
    /// Stopping every process.
    case stopping
    /// Reading every partition from the beginning.
    case draining
    /// Checking the history (or, for a concept lesson, the skill).
    case checking
}

/// Live counts of a running lesson.
public struct ProgressCounters: Sendable, Hashable, Codable {
    /// Sends invoked.
    public var sent: Int
    /// Distinct values acknowledged.
    public var acked: Int
    /// Distinct values the services processed.
    public var read: Int
    /// Fault steps fired.
    public var faultsFired: Int
    /// Messages the run plans to produce.
    public var planned: Int

    /// Creates counters.
    public init(sent: Int = 0, acked: Int = 0, read: Int = 0, faultsFired: Int = 0, planned: Int = 0) {
        self.sent = sent
        self.acked = acked
        self.read = read
        self.faultsFired = faultsFired
        self.planned = planned
    }
}

/// A progress event of a verify run, for a live display.
public enum VerifyProgress: Sendable, Hashable {
    /// A lesson started.
    case lessonStarted(number: Int, title: String)
    /// A lesson entered a phase.
    case phase(number: Int, LessonPhase)
    /// A lesson's counters changed.
    case counters(number: Int, ProgressCounters)
    /// A fault step fired (or could not be applied).
    case fault(number: Int, String)
    /// A lesson finished.
    case lessonFinished(LessonResult)
}

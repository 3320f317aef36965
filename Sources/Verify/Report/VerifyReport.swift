/// The result of a whole `verify` run.
public struct VerifyReport: Sendable, Hashable, Codable {
    /// When the run started, in milliseconds since 1970.
    public var startedAt: Int64
    /// How long it took, in seconds.
    public var seconds: Double
    /// `embedded` or the bootstrap servers given.
    public var cluster: String
    /// One result per lesson, in lesson order.
    public var lessons: [LessonResult]

    /// Creates a report.
    public init(startedAt: Int64, seconds: Double, cluster: String, lessons: [LessonResult]) {
        self.startedAt = startedAt
        self.seconds = seconds
        self.cluster = cluster
        self.lessons = lessons
    }

    /// How many lessons ended with each status.
    public var counts: [LessonResult.Status: Int] {
        Dictionary(grouping: lessons, by: \.status).mapValues(\.count)
    }

    /// Whether any lesson failed (the command then exits non-zero).
    public var hasFailures: Bool { lessons.contains { $0.status == .failed } }

    /// The numbers of the lessons whose examples do not exist yet.
    public var pendingLessons: [Int] { lessons.filter { $0.status == .pending }.map(\.number) }
}

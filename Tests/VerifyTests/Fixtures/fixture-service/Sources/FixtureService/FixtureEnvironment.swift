import Foundation

/// The fixture's settings, from the environment variables EVENTS.md defines plus a few of its own
/// (`FIXTURE_*`) that choose its role and its deliberate bug.
struct FixtureEnvironment {
    enum Role: String {
        case producer, consumer
    }

    /// Deliberate bugs, so the tests can show the checker catches each with the right anomaly.
    enum Bug: String {
        case none = ""
        /// Marks records committed as soon as they are read, then processes them later.
        case commitBeforeProcess = "commit-before-process"
        /// Crashes (a Swift fatal error) after processing 100 records.
        case crashMidway = "crash-midway"
    }

    var role: Role
    var bug: Bug
    var service: String
    var bootstrapServers: String
    var events: String?
    var topic: String
    var group: String
    var produceCount: Int
    var produceStart: Int
    var keyCount: Int
    var produceIntervalMs: Int
    var processDelayMs: Int
    var sessionTimeoutMs: Int

    init(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let role = Role(rawValue: environment["FIXTURE_ROLE"] ?? "") else {
            throw FixtureError("FIXTURE_ROLE must be producer or consumer")
        }
        guard let bug = Bug(rawValue: environment["FIXTURE_BUG"] ?? "") else {
            throw FixtureError("FIXTURE_BUG must be empty, commit-before-process or crash-midway")
        }
        self.role = role
        self.bug = bug
        service = environment["FIXTURE_SERVICE"] ?? "fixture-\(role.rawValue)"
        bootstrapServers = environment["KAFKA_BOOTSTRAP_SERVERS"] ?? "127.0.0.1:9092"
        events = environment["KAFKA_SKILL_EVENTS"]
        topic = environment["FIXTURE_TOPIC"] ?? "fixture-events"
        group = environment["FIXTURE_GROUP"] ?? "fixture-group"
        produceCount = Int(environment["PRODUCE_COUNT"] ?? "") ?? 0
        produceStart = Int(environment["PRODUCE_START"] ?? "") ?? 0
        keyCount = max(1, Int(environment["KEY_COUNT"] ?? "") ?? 10)
        produceIntervalMs = Int(environment["PRODUCE_INTERVAL_MS"] ?? "") ?? 0
        processDelayMs = Int(environment["FIXTURE_PROCESS_DELAY_MS"] ?? "") ?? 1
        sessionTimeoutMs = Int(environment["KAFKA_SESSION_TIMEOUT_MS"] ?? "") ?? 45000
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

public import Foundation

/// How `verify` runs: which lessons, against which cluster, how much input, and how long to wait.
public struct VerifyOptions: Sendable {
    /// The project folder: `lessons/`, `examples/`, `specs/`, `skills/kafka-events/` live here.
    public var projectRoot: URL
    /// The lesson numbers to verify; empty for all. Default: all.
    public var lessons: [Int]
    /// The broker the lessons run against. Default: ``BrokerChoice/embedded``.
    public var broker: BrokerChoice
    /// The `noida-db` program for ``BrokerChoice/noida``; `nil` looks in `<projectRoot>/.build-tools/venv/bin`
    /// (where `scripts/install-deps.sh` installs it), then on `PATH`. Default: `nil`.
    public var noidaExecutable: URL?
    /// A schema registry to use for lessons with Avro examples instead of starting one per lesson on the
    /// lesson's cluster. Default: none (embedded).
    public var registryURL: URL?
    /// Where the builds and run artifacts go. Default: `<projectRoot>/.build-verify`.
    public var buildRoot: URL
    /// Files and folders the examples depend on by path; a change in them rebuilds every example.
    /// Default: the project's `Package.swift` and `Sources/`.
    public var buildDependencies: [URL]
    /// Where to write report.json, junit.xml and the HTML report; `nil` for none. Default: none.
    public var reportDirectory: URL?
    /// Examples given explicitly by name, instead of `examples/<name>`. Default: none.
    public var exampleOverrides: [String: ExampleSource]
    /// Records each producer (or the input driver, per topic) sends (`PRODUCE_COUNT`). Default: 2000.
    public var produceCount: Int
    /// Distinct keys (`KEY_COUNT`). Default: 10.
    public var keyCount: Int
    /// The input driver's pace, and the pace asked of producer examples through `PRODUCE_INTERVAL_MS`.
    /// Default: 400 records per second, so a default run's input takes about 5 s and faults land mid-stream.
    public var messagesPerSecond: Int
    /// The consumer session timeout asked of the services through `KAFKA_SESSION_TIMEOUT_MS`, in
    /// milliseconds: a killed member's partitions move only after it, so a short one keeps kill-and-restart
    /// runs quick. Services that do not read the variable keep their own. Default: 6000.
    public var sessionTimeoutMs: Int
    /// Brokers of the embedded cluster. Default: 3.
    public var brokers: Int
    /// Partitions for topics whose spec does not say. Default: 4.
    public var defaultPartitions: Int
    /// How long to wait for each phase.
    public var limits: RunLimits
    /// How many lessons run at once; each has its own cluster and processes, and most of a run is waiting.
    /// Default: 1.
    public var jobs: Int

    /// Creates options with the defaults above.
    /// - Parameter projectRoot: The project folder.
    public init(projectRoot: URL) {
        self.projectRoot = projectRoot
        lessons = []
        broker = .embedded
        noidaExecutable = nil
        registryURL = nil
        buildRoot = projectRoot.appendingPathComponent(".build-verify")
        buildDependencies = [projectRoot.appendingPathComponent("Package.swift"), projectRoot.appendingPathComponent("Sources")]
        reportDirectory = nil
        exampleOverrides = [:]
        produceCount = 2000
        keyCount = 10
        messagesPerSecond = 400
        sessionTimeoutMs = 6000
        brokers = 3
        defaultPartitions = 4
        limits = RunLimits()
        jobs = 1
    }
}

extension VerifyOptions {
    /// The bootstrap servers of ``BrokerChoice/bootstrap(_:)``, or `nil` for a broker verify starts itself;
    /// setting it chooses `bootstrap` (or `embedded` for `nil`).
    public var bootstrapServers: String? {
        get {
            if case .bootstrap(let servers) = broker { return servers }
            return nil
        }
        set { broker = newValue.map(BrokerChoice.bootstrap) ?? .embedded }
    }
}

/// Time limits of a lesson run.
public struct RunLimits: Sendable, Hashable {
    /// How long a broker given with `--bootstrap` gets to answer a metadata request, and a broker verify
    /// starts gets to begin answering, before verify says it could not run. Default: 5 s.
    public var connect: Duration = .seconds(5)
    /// How long the reading services get to report `startup_complete`. Default: 20 s.
    public var startup: Duration = .seconds(20)
    /// After the input ends, how long the services get to process everything acknowledged. A killed
    /// consumer's partitions move only after its session times out (45 s by default), so this is generous.
    /// Default: 90 s.
    public var settle: Duration = .seconds(90)
    /// After the input ends, how long without any newly processed record before giving up. Default: 60 s.
    public var idle: Duration = .seconds(60)
    /// After processing catches up, how long the group's lag gets to reach 0. Default: 20 s.
    public var lag: Duration = .seconds(20)
    /// How long a process gets between SIGTERM and SIGKILL. Default: 10 s.
    public var stopGrace: Duration = .seconds(10)
    /// How long the final drain may take. Default: 60 s.
    public var drain: Duration = .seconds(60)
    /// The most a lesson's run phase may take, input included. Default: 300 s.
    public var run: Duration = .seconds(300)

    /// Creates limits with the defaults above.
    public init() {}
}

import Foundation
import EmbeddedKafka
import Kafka
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A private `noida-db` (PyPI 0.2.3): started with only its Kafka part on a free loopback port, with a data
/// folder of its own, its output in the run's logs, and stopped (its folder removed) after the lesson.
final class NoidaClusterOwner: ClusterOwner {
    /// The version `scripts/install-deps.sh` installs and this profile was written against.
    static let testedVersion = "0.2.3"

    let bootstrap: String
    let profile: BrokerProfile
    var embedded: EmbeddedCluster? { nil }
    var mayHoldEarlierRecords: Bool { false }
    /// noida-db 0.2.3 never expires a silent member (`scripts/noida-db-repro/`).
    var expiresSilentMembers: Bool { false }
    private let process: ChildProcess
    private let dataDirectory: URL

    private init(bootstrap: String, profile: BrokerProfile, process: ChildProcess, dataDirectory: URL) {
        self.bootstrap = bootstrap
        self.profile = profile
        self.process = process
        self.dataDirectory = dataDirectory
    }

    /// Finds `noida-db`, starts it and waits until it answers a metadata request.
    /// - Throws: ``VerifyError/cluster(_:)`` saying verify could not run, and why.
    static func start(
        options: VerifyOptions, logDirectory: URL, supervisor: ProcessSupervisor, logger: Logger
    ) async throws -> NoidaClusterOwner {
        let executable = try locate(options: options)
        let manager = FileManager.default
        let dataDirectory = manager.temporaryDirectory.appendingPathComponent("kafka-skill-noida-\(UUID().uuidString.prefix(8))")
        do {
            try manager.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        } catch {
            throw VerifyError.cluster("could not run: could not create a data folder for noida-db at \(dataDirectory.path): \(error)")
        }
        var lastProblem = ""
        // A free port can be taken between finding it and noida-db binding it; try a few.
        for attempt in 1...3 {
            let port = try freeLoopbackPort()
            let logPrefix = logDirectory.appendingPathComponent("noida-db" + (attempt > 1 ? "-\(attempt)" : "")).path
            let process = try supervisor.launch(
                name: "noida-db", executable: executable,
                arguments: ["start", "--only", "kafka", "--host", "127.0.0.1", "--kafka-port", String(port), "--data-dir", dataDirectory.path],
                environment: ProcessInfo.processInfo.environment, workingDirectory: dataDirectory, logPrefix: logPrefix)
            let address = "127.0.0.1:\(port)"
            if await answers(address, process: process, within: options.limits.connect, logger: logger) {
                let output = (try? String(contentsOfFile: process.outputPath, encoding: .utf8)) ?? ""
                let version = Self.version(inBanner: output)
                return NoidaClusterOwner(
                    bootstrap: address, profile: profile(address: address, version: version, logPath: process.outputPath),
                    process: process, dataDirectory: dataDirectory)
            }
            _ = await process.terminate(grace: .seconds(2))
            let errors = (try? String(contentsOfFile: process.errorPath, encoding: .utf8)) ?? ""
            lastProblem = errors.split(separator: "\n").filter { !$0.contains("GLIBC_2.39") }.suffix(3).joined(separator: " | ")
            if lastProblem.isEmpty { lastProblem = "it did not answer on \(address) within \(options.limits.connect)" }
        }
        try? manager.removeItem(at: dataDirectory)
        throw VerifyError.cluster("could not run: noida-db did not start (\(lastProblem)); its output: \(logDirectory.path)/noida-db.err")
    }

    func pause(for duration: Duration) -> Bool {
        guard process.isRunning else { return false }
        let process = self.process
        process.signalGroup(SIGSTOP)
        Task {
            try? await Task.sleep(for: duration)
            process.signalGroup(SIGCONT)
        }
        return true
    }

    func stop() async {
        process.signalGroup(SIGCONT)
        _ = await process.terminate(grace: .seconds(5))
        try? FileManager.default.removeItem(at: dataDirectory)
    }

    /// `--broker noida`'s program: the option, then the project's tool folder, then `PATH`.
    /// - Throws: ``VerifyError/cluster(_:)`` naming where it looked and how to install it.
    static func locate(options: VerifyOptions) throws -> URL {
        var candidates: [URL] = []
        if let given = options.noidaExecutable { candidates.append(given) }
        candidates.append(options.projectRoot.appendingPathComponent(".build-tools/venv/bin/noida-db"))
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        candidates += path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("noida-db") }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) { return found }
        throw VerifyError.cluster(
            "could not run: noida-db is not installed (looked in \(candidates.prefix(2).map(\.path).joined(separator: ", ")) and on PATH); "
                + "scripts/install-deps.sh installs noida-db==\(testedVersion) into .build-tools/venv")
    }

    /// The version in noida-db's first output line, `noida-db 0.2.3 | data dir: …`.
    static func version(inBanner output: String) -> String? {
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("noida-db ") }) else { return nil }
        return line.dropFirst("noida-db ".count).split(separator: " ").first.map(String.init)
    }

    /// Polls for metadata until the broker answers, its process exits, or `limit` passes.
    private static func answers(_ address: String, process: ChildProcess, within limit: Duration, logger: Logger) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline, process.isRunning {
            if (try? await BootstrapClusterOwner.probe(address, timeout: .milliseconds(500), logger: logger)) != nil { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// A loopback port nothing listens on now: bind port 0, read the port, close.
    static func freeLoopbackPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw VerifyError.cluster("could not run: no socket for finding a free port (errno \(errno))") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw VerifyError.cluster("could not run: could not bind a loopback port (errno \(errno))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// What a run on one noida-db node proves, and what it cannot.
    static func profile(address: String, version: String?, logPath: String) -> BrokerProfile {
        var cannotProve = [
            "replication and min.insync.replicas: one node, every topic has replication factor 1",
            "broker-down faults and leader moves: one node, and its Kafka log lives in memory, so killing it loses it "
                + "(a broker-down step becomes a 2 s pause of the broker process: requests wait, nothing is lost)",
            "injected request errors (produce, fetch, commit, AddPartitionsToTxn): it has no fault API; a transaction abort is "
                + "made by killing the processor mid-transaction instead",
        ]
        cannotProve.append(
            "a member's session expiring: noida-db never removes a member whose heartbeats stop (session.timeout.ms), so after "
                + "a SIGKILL verify removes the killed process's group members itself with LeaveGroup once the session timeout "
                + "has passed, as Kafka's coordinator would (scripts/noida-db-repro/session-expiry.py reproduces it)")
        if let version, version != testedVersion {
            cannotProve.append("this profile was written for noida-db \(testedVersion); \(version) may differ")
        }
        return BrokerProfile(
            name: "noida-db", version: version, address: address, kind: .singleNode,
            proves: [
                "read_committed isolation: it writes transaction markers (EndTxn control batches)",
                "exactly-once output: it stores offsets sent in a transaction only when the transaction commits",
                "zombie fencing: a second InitProducerId for the same transactional.id fences the older epoch",
                "faults on the services: kill and restart, extra members, a second owner of a transactional id",
            ],
            cannotProve: cannotProve, logPath: logPath)
    }
}

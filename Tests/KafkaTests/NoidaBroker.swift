import Foundation
import EmbeddedKafka
import Kafka
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A private `noida-db` for one test: only its Kafka part, on a free loopback port, with its own data folder.
/// It writes transaction markers, stores offsets sent in a transaction and fences zombies, which the embedded
/// cluster does not, so the transaction tests that need a real broker run against it.
///
/// `scripts/install-deps.sh` installs it into `.build-tools/venv`. Where it is missing the tests that need it
/// are skipped, unless `KAFKA_SKILL_REQUIRE_NOIDA=1` (set by `scripts/test.sh`, so CI fails instead).
final class NoidaBroker {
    let bootstrapServers: String
    private let process: Process
    private let folder: URL

    /// The `noida-db` program: `NOIDA_DB`, the project's `.build-tools/venv/bin`, then `PATH`.
    static let executable: String? = {
        let environment = ProcessInfo.processInfo.environment
        var candidates = [environment["NOIDA_DB"]].compactMap { $0 }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build-tools/venv/bin/noida-db").path)
        candidates += (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/noida-db" }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Whether a missing `noida-db` must fail the tests rather than skip them.
    static let isRequired = ProcessInfo.processInfo.environment["KAFKA_SKILL_REQUIRE_NOIDA"] == "1"

    /// Whether the tests that need it run: it is installed, or it is required (and they fail saying it is missing).
    static var shouldRun: Bool { executable != nil || isRequired }

    /// Starts it and waits until it answers a metadata request.
    /// - Throws: A message saying it is not installed or did not start, with its output.
    init() async throws {
        guard let executable = Self.executable else {
            throw NoidaUnavailable(reason: "noida-db is not installed (KAFKA_SKILL_REQUIRE_NOIDA=1): run scripts/install-deps.sh")
        }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kafka-tests-noida-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let port = try Self.freePort()
        bootstrapServers = "127.0.0.1:\(port)"
        process = Process()
        // Foundation starts it in a process group of its own; stopping the group also stops the binary its
        // Python launcher starts.
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "start", "--only", "kafka", "--host", "127.0.0.1", "--kafka-port", String(port),
            "--data-dir", folder.appendingPathComponent("data").path,
        ]
        let log = folder.appendingPathComponent("noida-db.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        try? handle.close()
        if getpgid(process.processIdentifier) != process.processIdentifier { _ = setpgid(process.processIdentifier, process.processIdentifier) }
        var config = try KafkaConfig()
        config.bootstrapServers = [bootstrapServers]
        let admin = try KafkaAdmin(config: config, logger: TestCluster.logger)
        defer { Task { await admin.close() } }
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline, process.isRunning {
            if (try? await admin.metadata(timeout: .milliseconds(500))) != nil { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        stop()
        throw NoidaUnavailable(reason: "noida-db did not answer on \(bootstrapServers) within 20 s; its output:\n\(output)")
    }

    /// Stops it and removes its data folder.
    func stop() {
        let pid = process.processIdentifier
        if getpgid(pid) != pid { _ = setpgid(pid, pid) }
        kill(-pid, SIGKILL)
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Creates a topic through the admin API.
    func createTopic(_ name: String, partitions: Int) async throws {
        var config = try KafkaConfig()
        config.bootstrapServers = [bootstrapServers]
        let admin = try KafkaAdmin(config: config, logger: TestCluster.logger)
        try await admin.createTopics([KafkaNewTopic(name: name, partitions: partitions)])
        await admin.close()
    }

    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard fd >= 0, bound else { throw NoidaUnavailable(reason: "could not bind a loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// noida-db is missing or did not start.
struct NoidaUnavailable: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}

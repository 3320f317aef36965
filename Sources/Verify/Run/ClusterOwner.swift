import Foundation
import EmbeddedKafka
import Kafka
import Logging

/// Owns the broker a lesson runs against: starts it (or reaches it), says what it is and what it can prove,
/// offers its fault API when it has one, and stops what it started.
///
/// One owner serves one lesson run, inside one task.
protocol ClusterOwner: AnyObject {
    /// The bootstrap servers services and verify's own clients connect to.
    var bootstrap: String { get }
    /// The broker, its version, and what it can and cannot prove.
    var profile: BrokerProfile { get }
    /// The embedded cluster's fault API, when the broker is the embedded cluster started here.
    var embedded: EmbeddedCluster? { get }
    /// Whether the broker's topics may hold records of earlier runs, so this run must tell its own apart.
    var mayHoldEarlierRecords: Bool { get }
    /// Stops the broker process for a while (SIGSTOP now, SIGCONT after `duration`, without waiting): every
    /// request to it waits, as when a broker hangs. `false` when this owner has no process to pause.
    func pause(for duration: Duration) -> Bool
    /// Whether the broker removes a group member whose heartbeats stop after `session.timeout.ms`, as Kafka
    /// does; when it does not, verify removes a killed member itself (``GroupMemberRemoval``).
    var expiresSilentMembers: Bool { get }
    /// Stops what the owner started; a broker it only reached is left alone.
    func stop() async
}

extension ClusterOwner {
    func pause(for duration: Duration) -> Bool { false }
    var expiresSilentMembers: Bool { true }
}

/// Starts the owner for `choice`.
/// - Throws: ``VerifyError/cluster(_:)`` saying verify could not run: the embedded cluster did not start,
///   `noida-db` is missing or did not start, or no broker at `--bootstrap` answered in time.
func startClusterOwner(
    _ choice: BrokerChoice, options: VerifyOptions, logDirectory: URL, supervisor: ProcessSupervisor, logger: Logger
) async throws -> any ClusterOwner {
    switch choice {
    case .embedded:
        return try EmbeddedClusterOwner(brokers: options.brokers, logger: logger)
    case .bootstrap(let servers):
        return try await BootstrapClusterOwner.reach(servers, timeout: options.limits.connect, logger: logger)
    case .noida:
        return try await NoidaClusterOwner.start(options: options, logDirectory: logDirectory, supervisor: supervisor, logger: logger)
    }
}

/// librdkafka's mock cluster, started in this process.
final class EmbeddedClusterOwner: ClusterOwner {
    let embedded: EmbeddedCluster?
    let bootstrap: String
    let profile: BrokerProfile
    var mayHoldEarlierRecords: Bool { false }

    init(brokers: Int, logger: Logger) throws {
        let cluster: EmbeddedCluster
        do {
            cluster = try EmbeddedCluster(brokers: brokers, logger: logger)
        } catch {
            throw VerifyError.cluster("could not run: the embedded cluster did not start: \(error)")
        }
        embedded = cluster
        bootstrap = cluster.bootstrapServers
        profile = Self.profile(address: bootstrap, brokers: brokers)
    }

    func stop() async {
        embedded?.shutdown()
    }

    /// What the mock cluster proves: everything but transactional claims.
    static func profile(address: String, brokers: Int) -> BrokerProfile {
        BrokerProfile(
            name: "librdkafka mock cluster", version: "librdkafka " + EmbeddedCluster.librdkafkaVersion, address: address, kind: .embedded,
            proves: [
                "\(brokers) brokers: broker-down faults, leader moves, injected request errors (produce, fetch, commit, transaction APIs)",
                "no lost writes, no duplicates and order for idempotent and plain producers, consumer commits",
            ],
            cannotProve: [
                "read_committed isolation: it writes no transaction markers",
                "exactly-once output and a transactional group's position: it ignores offsets sent in a transaction (TxnOffsetCommit)",
                "zombie fencing: it does not fence an older producer epoch",
            ])
    }
}

/// A cluster someone else runs, reached at `--bootstrap`.
final class BootstrapClusterOwner: ClusterOwner {
    let bootstrap: String
    let profile: BrokerProfile
    var embedded: EmbeddedCluster? { nil }
    var mayHoldEarlierRecords: Bool { profile.kind == .real }

    private init(bootstrap: String, profile: BrokerProfile) {
        self.bootstrap = bootstrap
        self.profile = profile
    }

    /// Asks the cluster for metadata, and gives up after `timeout`.
    static func reach(_ servers: String, timeout: Duration, logger: Logger) async throws -> BootstrapClusterOwner {
        let metadata = try await probe(servers, timeout: timeout, logger: logger)
        if metadata.isEmbeddedCluster {
            var profile = EmbeddedClusterOwner.profile(address: servers, brokers: metadata.brokers.count)
            profile.proves = ["what the embedded cluster proves, except its faults: they cannot be injected from here"]
            return BootstrapClusterOwner(bootstrap: servers, profile: profile)
        }
        return BootstrapClusterOwner(bootstrap: servers, profile: BrokerProfile(
            name: "Kafka (--bootstrap)", version: nil, address: servers, kind: .real,
            proves: [
                "every delivery claim, transactional ones included",
                "faults on the services: kill and restart, extra members, a second owner of a transactional id",
            ],
            cannotProve: [
                "broker faults and injected request errors: verify has no fault API for a cluster it does not own",
                "the broker's version: the Kafka protocol does not report it",
            ]))
    }

    /// Metadata from `servers` within `timeout`.
    /// - Throws: ``VerifyError/cluster(_:)`` saying verify could not run.
    static func probe(_ servers: String, timeout: Duration, logger: Logger) async throws -> KafkaClusterMetadata {
        var config = try KafkaConfig()
        config.bootstrapServers = [servers]
        let admin = try KafkaAdmin(config: config, logger: logger)
        defer { Task { await admin.close() } }
        do {
            return try await admin.metadata(timeout: timeout)
        } catch {
            throw VerifyError.cluster(
                "could not run: no broker at \(servers) answered a metadata request within \(timeout) (\(error)); check --bootstrap")
        }
    }

    func stop() async {}
}

public import SchemaRegistry
public import Foundation

/// Finds the Kafka cluster a registry should keep its schemas in, the way every `kafka-skill` command does: an
/// explicit list first, then `KAFKA_BOOTSTRAP_SERVERS`, then the embedded cluster that `kafka-skill cluster up` is
/// running (its state file, `cluster.json` in `$KAFKA_SKILL_STATE_DIR`, else in `~/.kafka-skill`).
public enum KafkaBootstrap {
    /// The environment variable that names the bootstrap servers.
    public static let environmentVariable = "KAFKA_BOOTSTRAP_SERVERS"
    /// The environment variable that names the folder of the embedded cluster's state file.
    public static let stateDirectoryVariable = "KAFKA_SKILL_STATE_DIR"

    /// Resolves the bootstrap servers.
    ///
    /// - Parameters:
    ///   - explicit: Servers given on the command line, if any.
    ///   - environment: The process environment.
    ///   - homeDirectory: The user's home folder, where `.kafka-skill` is looked for.
    /// - Returns: The bootstrap servers, comma-separated.
    /// - Throws: ``SchemaRegistryError/noBootstrapServers(stateFile:)`` when nothing names a cluster, or
    ///   ``SchemaRegistryError/unreadableClusterState(path:reason:)`` when the state file exists but holds no servers.
    public static func resolve(explicit: String?, environment: [String: String], homeDirectory: URL) throws(SchemaRegistryError) -> String {
        if let explicit, !explicit.trimmingCharacters(in: .whitespaces).isEmpty {
            return explicit
        }
        if let fromEnvironment = environment[environmentVariable], !fromEnvironment.trimmingCharacters(in: .whitespaces).isEmpty {
            return fromEnvironment
        }
        let folder = environment[stateDirectoryVariable].map { URL(fileURLWithPath: $0) }
            ?? homeDirectory.appendingPathComponent(".kafka-skill")
        let file = folder.appendingPathComponent("cluster.json")
        guard let data = try? Data(contentsOf: file) else {
            throw .noBootstrapServers(stateFile: file.path)
        }
        struct State: Decodable {
            var bootstrapServers: String
        }
        guard let state = try? JSONDecoder().decode(State.self, from: data) else {
            throw .unreadableClusterState(path: file.path, reason: "it is not JSON with a bootstrapServers string")
        }
        guard !state.bootstrapServers.isEmpty else {
            throw .unreadableClusterState(path: file.path, reason: "its bootstrapServers is empty")
        }
        return state.bootstrapServers
    }
}

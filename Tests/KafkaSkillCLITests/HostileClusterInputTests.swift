import Foundation
import Testing

/// Numbers, names and repeated starts that once crashed, hung, or silently replaced a running cluster.
@Suite("kafka-skill cluster: hostile input", .timeLimit(.minutes(2)), .serialized)
struct HostileClusterInputTests {
    func stateDirectory() throws -> URL { try ClusterCommandTests().stateDirectory() }

    @Test("out-of-range numbers are refused at parse time with the range, never a trap or 'Missing value'",
          arguments: [
            (["cluster", "up", "--control-port", "70000"], "--control-port must be 0 to 65535"),
            (["cluster", "up", "--control-port", "-1"], "--control-port must be 0 to 65535"),
            (["cluster", "up", "--brokers", "100000"], "--brokers must be 1 to 32"),
            (["cluster", "up", "--brokers", "-3"], "--brokers must be 1 to 32"),
            (["cluster", "up", "--topic", "orders:99999999"], "PARTITIONS must be a whole number from 1 to 1000"),
            (["cluster", "fault", "rtt", "1", "999999999999"], "must be a whole number from 0 to 600000"),
            (["cluster", "fault", "rtt", "1", "-5"], "must be a whole number from 0 to 600000"),
            (["cluster", "fault", "errors", "Produce", "_TRANSPORT", "--broker", "1", "--rtt", "99999999999"], "--rtt must be 0 to 600000"),
            (["cluster", "fault", "broker-down", "99999999999"], "must be a whole number from 1 to 32"),
            (["cluster", "fault", "broker-down", "1", "2"], "takes 1 argument(s); unexpected: 2"),
            (["registry", "serve", "--port", "-1"], "--port must be from 0 to 65535"),
          ])
    func numbersAreRangeChecked(arguments: [String], message: String) async throws {
        let result = try await CommandRunner.run(arguments, environment: ["KAFKA_SKILL_STATE_DIR": try stateDirectory().path])
        #expect(result.status == 64, "\(arguments): \(result.error)")
        #expect(result.error.contains(message), "\(arguments): \(result.error)")
        #expect(!result.error.contains("Missing value"))
    }

    @Test("illegal topic names are refused wherever a topic enters",
          arguments: [
            ["cluster", "up", "--topic", ":3"], ["cluster", "up", "--topic", "a b"], ["cluster", "up", "--topic", "../x"],
            ["cluster", "up", "--topic", "bad/name"], ["cluster", "up", "--topic", ""],
            ["cluster", "fault", "topic", "a b", "3"], ["cluster", "fault", "leader", "../x", "0", "1"],
            ["cluster", "fault", "topic-error", "bad/name", "NO_ERROR"], ["registry", "serve", "--topic", "a b"],
          ])
    func topicNamesAreChecked(arguments: [String]) async throws {
        let result = try await CommandRunner.run(arguments, environment: ["KAFKA_SKILL_STATE_DIR": try stateDirectory().path])
        #expect(result.status == 64, "\(arguments): \(result.error)")
        #expect(result.error.contains("topic name"), "\(arguments): \(result.error)")
    }

    @Test("a leader move on a topic the cluster does not have is refused, and the cluster keeps running")
    func leaderOnUnknownTopic() async throws {
        let state = try stateDirectory()
        let environment = ["KAFKA_SKILL_STATE_DIR": state.path]
        let up = try RunningCommand(["cluster", "up", "--brokers", "1", "--topic", "orders:1"], environment: environment)
        _ = try #require(await up.line(startingWith: "Press Ctrl-C"))
        let leader = try await CommandRunner.run(["cluster", "fault", "leader", "missing", "0", "1"], environment: environment)
        #expect(leader.status != 0)
        #expect(leader.error.contains("no topic 'missing'"), "\(leader.error)")
        let status = try await CommandRunner.run(["cluster", "status"], environment: environment)
        #expect(status.status == 0, "\(status.error)")
        _ = try await CommandRunner.run(["cluster", "down"], environment: environment)
        #expect(await up.waitForExit() == 0)
    }

    @Test("a second cluster up on the same state folder is refused while the first answers; a stale record is cleaned")
    func secondUpIsRefused() async throws {
        let state = try stateDirectory()
        let environment = ["KAFKA_SKILL_STATE_DIR": state.path]
        let first = try RunningCommand(["cluster", "up", "--brokers", "1"], environment: environment)
        _ = try #require(await first.line(startingWith: "Press Ctrl-C"))
        let recorded = try Data(contentsOf: state.appendingPathComponent("cluster.json"))

        let second = try await CommandRunner.run(["cluster", "up", "--brokers", "1"], environment: environment)
        #expect(second.status == 1)
        #expect(second.error.contains("already running"), "\(second.error)")
        #expect(try Data(contentsOf: state.appendingPathComponent("cluster.json")) == recorded)
        let status = try await CommandRunner.run(["cluster", "status", "--json"], environment: environment)
        #expect(status.status == 0, "\(status.error)")

        _ = try await CommandRunner.run(["cluster", "down"], environment: environment)
        #expect(await first.waitForExit() == 0)

        // A record whose process is gone (a crash) is cleaned by the next start.
        try recorded.write(to: state.appendingPathComponent("cluster.json"))
        let third = try RunningCommand(["cluster", "up", "--brokers", "1"], environment: environment)
        _ = try #require(await third.line(startingWith: "Press Ctrl-C"))
        third.process.interrupt()
        #expect(await third.waitForExit() == 0)
    }
}

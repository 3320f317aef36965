import ArgumentParser
import Foundation
import LagMonitor

extension KafkaSkill {
    /// `kafka-skill lag`: a consumer group's lag per partition and its status by Burrow's rules.
    struct Lag: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a consumer group's lag per partition and its status by Burrow's rules.",
            discussion: """
                Each sample reads the cluster's metadata, the group's committed offsets for every partition \
                of its topics (one offset fetch) and those partitions' high watermarks (one ListOffsets \
                request per leader), without joining the group. Lag = high watermark - committed offset.

                Each partition keeps a window of the last --window samples (oldest first), evaluated as Burrow \
                does (linkedin/Burrow core/internal/evaluator): \
                (1) if the current lag is 0 or any sample in the window had lag 0: OK. Otherwise, in order: \
                (2) REWIND if a committed offset is lower than the one before it; \
                (3) STOP if the time since the last commit exceeds the time between the window's first and \
                last commits (commits stopped); \
                (4) STALL if every committed offset in the window is the same (stuck, lag above 0); \
                (5) WARN if the lag never decreases from one sample to the next (offsets move, the consumer is \
                slow); else OK. STALL and WARN compare consecutive samples, so a single sample (no --watch) \
                reads OK for every partition whatever its lag: Burrow judges trends, not thresholds. \
                Kafka's offset fetch carries no commit time: a sample counts as a commit when it is \
                taken, except while the cluster reports the group without members, when an unchanged offset \
                keeps its first sample's time (so STOP fires once the silence outlasts the window). The group's \
                status is the worst partition status with STOP, STALL and REWIND reported as ERR (the text \
                output names the worst partition status too); NOTFOUND when the group committed nothing.

                Exit status: 0 when the group is OK, 1 when it is not (WARN, ERR or NOTFOUND), 2 when lag \
                could not run (an unusable option value, no broker answering); a missing or unknown option \
                exits 64, as for every command. With --watch the status is the last sample's, after --count \
                samples; without --count it runs until interrupted.
                """
        )

        @Option(help: "Comma-separated brokers, host:port.")
        var bootstrap: String

        @Option(help: "The consumer group.")
        var group: String

        @Option(help: "Sample every SECONDS and print each report, keeping a sliding window.")
        var watch: Double?

        @Option(help: "With --watch: stop after this many samples (default: run until interrupted).")
        var count: Int?

        @Option(help: "Samples kept per partition (Burrow's intervals).")
        var window = 10

        @Option(help: "Only these topics (comma-separated). Default: every topic not starting with __.")
        var topics: String?

        @Option(help: "text or json.")
        var format = "text"

        @Option(help: "Seconds each request may take.")
        var timeout = 10.0

        func run() async throws {
            guard format == "text" || format == "json" else { fail("--format \(format): expected text or json") }
            if let watch, watch <= 0 { fail("--watch must be above 0 seconds") }
            if let count, count < 1 { fail("--count must be at least 1") }
            guard window >= 1, timeout > 0 else { fail("--window must be at least 1 and --timeout above 0") }
            let servers = bootstrap.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !servers.isEmpty else { fail("--bootstrap names no broker") }
            let sampler: LagSampler
            do {
                sampler = try LagSampler(
                    bootstrapServers: servers, group: group,
                    topics: topics.map { $0.split(separator: ",").map(String.init) }, timeout: .milliseconds(Int(timeout * 1000)))
            } catch {
                fail("could not create the Kafka clients: \(error)")
            }
            var tracker = LagTracker(windowSize: window)
            var taken = 0
            var report: LagReport?
            let clock = ContinuousClock()
            let origin = clock.now
            func elapsedMs() -> Int64 { Int64((clock.now - origin) / .milliseconds(1)) }
            while true {
                do {
                    let observations = try await sampler.sample()
                    let members = watch == nil ? nil : await sampler.groupHasMembers()
                    let now = elapsedMs()
                    tracker.record(observations, atMs: now, groupHasMembers: members)
                    report = tracker.report(group: group, nowMs: now)
                } catch {
                    await sampler.close()
                    fail("could not read the group's offsets: \(error)")
                }
                taken += 1
                if let report { print(format == "json" ? report.json : report.text + (watch == nil ? "" : "\n")) }
                guard let watch, count.map({ taken < $0 }) ?? true else { break }
                try? await Task.sleep(for: .milliseconds(Int(watch * 1000)))
            }
            await sampler.close()
            if report?.status != .ok { throw ExitCode(1) }
        }

        private func fail(_ message: String) -> Never {
            FileHandle.standardError.write(Data("kafka-skill lag: \(message)\n".utf8))
            Foundation.exit(2)
        }
    }
}

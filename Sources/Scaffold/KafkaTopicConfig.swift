/// Kafka 4's topic-level configuration names, so that a misspelt key in a spec is caught at scaffold time
/// rather than by the broker when the topic is created.
enum KafkaTopicConfig {
    static let names: Set<String> = [
        "cleanup.policy", "compression.gzip.level", "compression.lz4.level", "compression.type",
        "compression.zstd.level", "delete.retention.ms", "file.delete.delay.ms", "flush.messages", "flush.ms",
        "follower.replication.throttled.replicas", "index.interval.bytes", "leader.replication.throttled.replicas",
        "local.retention.bytes", "local.retention.ms", "max.compaction.lag.ms", "max.message.bytes",
        "message.timestamp.after.max.ms", "message.timestamp.before.max.ms", "message.timestamp.type",
        "min.cleanable.dirty.ratio", "min.compaction.lag.ms", "min.insync.replicas", "preallocate",
        "remote.log.copy.disable", "remote.log.delete.on.disable", "remote.storage.enable", "retention.bytes",
        "retention.ms", "segment.bytes", "segment.index.bytes", "segment.jitter.ms", "segment.ms",
        "unclean.leader.election.enable",
    ]

    /// The allowed `cleanup.policy` values.
    static let cleanupPolicies: Set<String> = ["delete", "compact", "delete,compact", "compact,delete"]

    /// What a value of `key` must be, when it is not one: Kafka's type for the setting (a long, an int, a
    /// ratio, a boolean or one of a list), so `retention.ms: abc` fails at scaffold time, not at topic creation.
    static func expectedValue(for key: String, _ value: String) -> String? {
        let longs: Set<String> = [
            "delete.retention.ms", "file.delete.delay.ms", "flush.messages", "flush.ms", "local.retention.bytes",
            "local.retention.ms", "max.compaction.lag.ms", "message.timestamp.after.max.ms",
            "message.timestamp.before.max.ms", "min.compaction.lag.ms", "retention.bytes", "retention.ms", "segment.ms",
            "segment.jitter.ms",
        ]
        let ints: Set<String> = ["index.interval.bytes", "max.message.bytes", "min.insync.replicas", "segment.bytes", "segment.index.bytes"]
        let booleans: Set<String> = [
            "preallocate", "remote.log.copy.disable", "remote.log.delete.on.disable", "remote.storage.enable",
            "unclean.leader.election.enable",
        ]
        // -1 means "no limit" for the retention and local-retention settings; other numbers are 0 or more.
        let minimum: Int64 = ["retention.ms", "retention.bytes", "local.retention.ms", "local.retention.bytes"].contains(key) ? -1 : 0
        if longs.contains(key) {
            guard let number = Int64(value), number >= minimum else { return "a whole number from \(minimum) to \(Int64.max)" }
        } else if ints.contains(key) {
            let lowest: Int64 = key == "min.insync.replicas" ? 1 : 0
            guard let number = Int32(value), Int64(number) >= lowest else { return "a whole number from \(lowest) to \(Int32.max)" }
        } else if booleans.contains(key) {
            guard value == "true" || value == "false" else { return "true or false" }
        } else if key == "min.cleanable.dirty.ratio" {
            guard let ratio = Double(value), (0...1).contains(ratio) else { return "a number from 0 to 1" }
        } else if key == "compression.type" {
            let types = ["uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"]
            guard types.contains(value) else { return "one of \(types.joined(separator: ", "))" }
        } else if key == "message.timestamp.type" {
            guard value == "CreateTime" || value == "LogAppendTime" else { return "CreateTime or LogAppendTime" }
        } else if key.hasPrefix("compression."), key.hasSuffix(".level") {
            guard Int32(value) != nil else { return "a whole number (the codec's compression level)" }
        }
        return nil
    }

    /// The names closest to a misspelt one, for the error message.
    static func suggestions(for name: String) -> [String] {
        let ranked = names.map { ($0, editDistance($0, name)) }.filter { $0.1 <= 3 }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        return ranked.prefix(3).map(\.0)
    }

    private static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs.utf8)
        let b = Array(rhs.utf8)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

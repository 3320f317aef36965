import Foundation

/// A group's lag and status, per partition and overall.
public struct LagReport: Sendable, Hashable, Codable {
    /// One partition the group has committed to.
    public struct Partition: Sendable, Hashable, Codable {
        /// The topic.
        public var topic: String
        /// The partition.
        public var partition: Int32
        /// The group's committed offset.
        public var committedOffset: Int64
        /// The partition's high watermark.
        public var highWatermark: Int64
        /// `highWatermark - committedOffset`, at least 0.
        public var lag: Int64
        /// Samples in the partition's window.
        public var samples: Int
        /// Burrow's verdict on the window.
        public var status: LagStatus
    }

    /// The consumer group.
    public var group: String
    /// The worst partition status (STOP, STALL and REWIND count as ERR); NOTFOUND without partitions.
    public var status: LagStatus
    /// The sum of the partitions' lag.
    public var totalLag: Int64
    /// The share of partitions whose window is full (0 to 1).
    public var complete: Double
    /// Every partition, by topic and number.
    public var partitions: [Partition]

    /// The worst status of any partition, before STOP, STALL and REWIND are folded into ERR.
    public var worstPartitionStatus: LagStatus { partitions.map(\.status).max() ?? .notFound }

    /// A table: one line per partition, then the group's line.
    public var text: String {
        var lines = ["TOPIC\tPARTITION\tCOMMITTED\tHIGH-WATERMARK\tLAG\tSTATUS"]
        for item in partitions {
            lines.append("\(item.topic)\t\(item.partition)\t\(item.committedOffset)\t\(item.highWatermark)\t\(item.lag)\t\(item.status.rawValue)")
        }
        let worst = worstPartitionStatus
        let detail = worst > .err ? " (worst partition: \(worst.rawValue))" : ""
        lines.append("group \(group): \(status.rawValue)\(detail), total lag \(totalLag), \(partitions.count) partition(s), window \(Int((complete * 100).rounded()))% complete")
        return lines.joined(separator: "\n")
    }

    /// The report as one line of JSON with sorted keys.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }
}

import KafkaServiceRuntime

/// Throughput and consumer lag over a run, with its faults, ready to chart.
public struct Timeline: Sendable, Hashable, Codable {
    /// Acknowledged and processed records in one time bucket.
    public struct Point: Sendable, Hashable, Codable {
        /// Seconds since the run started (the bucket's start).
        public var seconds: Double
        /// Records acknowledged in the bucket, per second.
        public var ackedPerSecond: Double
        /// Records processed by the services in the bucket, per second.
        public var readPerSecond: Double
    }

    /// The total lag of every group at one moment.
    public struct LagPoint: Sendable, Hashable, Codable {
        /// Seconds since the run started.
        public var seconds: Double
        /// The sum of every partition's lag.
        public var lag: Int64
    }

    /// A fault or process event to mark on the charts.
    public struct Marker: Sendable, Hashable, Codable {
        /// Seconds since the run started.
        public var seconds: Double
        /// What happened.
        public var label: String
        /// The mark's kind.
        public var kind: RunMark.Kind
    }

    /// When the run started, in milliseconds since 1970.
    public var startedAt: Int64
    /// How long the run lasted, in seconds.
    public var duration: Double
    /// Throughput per bucket.
    public var throughput: [Point]
    /// Total lag per sample.
    public var lag: [LagPoint]
    /// Faults and process events.
    public var markers: [Marker]

    /// Creates a timeline.
    public init(startedAt: Int64 = 0, duration: Double = 0, throughput: [Point] = [], lag: [LagPoint] = [], markers: [Marker] = []) {
        self.startedAt = startedAt
        self.duration = duration
        self.throughput = throughput
        self.lag = lag
        self.markers = markers
    }

    /// Builds the timeline of a history.
    /// - Parameters:
    ///   - history: The recorded run.
    ///   - bucketMilliseconds: The width of a throughput bucket.
    public static func build(from history: History, bucketMilliseconds: Int64 = 500) -> Timeline {
        var times = history.events.map(\.event.timestamp) + history.lagSamples.map(\.timestamp) + history.marks.map(\.timestamp)
        times.sort()
        guard let first = times.first, let last = times.last else { return Timeline() }
        let bucketCount = Int((last - first) / bucketMilliseconds) + 1
        var acked = [Int](repeating: 0, count: bucketCount)
        var read = [Int](repeating: 0, count: bucketCount)
        for recorded in history.events {
            let bucket = Int((recorded.event.timestamp - first) / bucketMilliseconds)
            switch recorded.event.kind {
            case .producerSendSuccess: acked[bucket] += 1
            case .recordData: read[bucket] += 1
            default: break
            }
        }
        let perSecond = 1000 / Double(bucketMilliseconds)
        let throughput = (0..<bucketCount).map { index in
            Point(
                seconds: Double(Int64(index) * bucketMilliseconds) / 1000, ackedPerSecond: Double(acked[index]) * perSecond,
                readPerSecond: Double(read[index]) * perSecond)
        }
        let lag = Dictionary(grouping: history.lagSamples, by: \.timestamp)
            .map { LagPoint(seconds: Double($0.key - first) / 1000, lag: $0.value.reduce(0) { $0 + $1.lag }) }
            .sorted { $0.seconds < $1.seconds }
        let markers = history.marks.map { mark in
            Marker(seconds: Double(mark.timestamp - first) / 1000, label: "\(mark.subject): \(mark.detail)", kind: mark.kind)
        }
        return Timeline(startedAt: first, duration: Double(last - first) / 1000, throughput: throughput, lag: lag, markers: markers)
    }
}

/// Everything a run recorded, as the checker's input: the services' events, the independent final drain of
/// every partition, consumer-group lag samples, and the faults and process actions with their times.
public struct History: Sendable, Hashable, Codable {
    /// The services' events, each process instance's in file order.
    public var events: [RecordedEvent]
    /// The log as an independent consumer read it at the end.
    public var drain: DrainResult
    /// Consumer-group lag over time, the last samples taken after the input stopped.
    public var lagSamples: [LagSample]
    /// Faults and process actions, when they fired.
    public var marks: [RunMark]

    /// Creates a history.
    public init(events: [RecordedEvent] = [], drain: DrainResult = DrainResult(), lagSamples: [LagSample] = [], marks: [RunMark] = []) {
        self.events = events
        self.drain = drain
        self.lagSamples = lagSamples
        self.marks = marks
    }
}

/// One record as the final drain read it.
public struct DrainedRecord: Sendable, Hashable, Codable {
    /// The topic.
    public var topic: String
    /// The partition.
    public var partition: Int32
    /// The offset.
    public var offset: Int64
    /// The key as UTF-8 text, if any.
    public var key: String?
    /// The value as UTF-8 text (empty for a tombstone).
    public var value: String

    /// Creates a drained record.
    public init(topic: String, partition: Int32, offset: Int64, key: String?, value: String) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
    }
}

/// What the final drain read: every record from offset 0 (or the oldest kept) to the high watermark.
public struct DrainResult: Sendable, Hashable, Codable {
    /// The low and high watermarks of a partition when the drain began.
    public struct Watermarks: Sendable, Hashable, Codable {
        /// The topic.
        public var topic: String
        /// The partition.
        public var partition: Int32
        /// The oldest offset still kept; above 0 when the cluster trimmed the log.
        public var low: Int64
        /// The next offset to be written.
        public var high: Int64

        /// Creates watermarks.
        public init(topic: String, partition: Int32, low: Int64, high: Int64) {
            self.topic = topic
            self.partition = partition
            self.low = low
            self.high = high
        }
    }

    /// The records, partition by partition in offset order.
    public var records: [DrainedRecord]
    /// The watermarks of every partition drained.
    public var watermarks: [Watermarks]
    /// The isolation level the drain read with.
    public var isolationLevel: String
    /// Partitions the drain could not finish, with the reason.
    public var incomplete: [String]

    /// Creates a drain result.
    public init(records: [DrainedRecord] = [], watermarks: [Watermarks] = [], isolationLevel: String = "read_committed", incomplete: [String] = []) {
        self.records = records
        self.watermarks = watermarks
        self.isolationLevel = isolationLevel
        self.incomplete = incomplete
    }
}

/// A consumer group's lag on one partition at one moment.
public struct LagSample: Sendable, Hashable, Codable {
    /// Where a sample's numbers come from.
    public enum Source: String, Sendable, Hashable, Codable {
        /// Read from the cluster: the group's stored committed offset and the partition's high watermark.
        case cluster
        /// Worked out from the services' events: their last successful commit and the last acknowledged
        /// offset. Cheap enough to take during faults, when a down broker makes cluster queries slow.
        case events
    }

    /// Milliseconds since 1970.
    public var timestamp: Int64
    /// The consumer group.
    public var group: String
    /// The topic.
    public var topic: String
    /// The partition.
    public var partition: Int32
    /// The group's committed offset; `nil` when nothing is committed.
    public var committed: Int64?
    /// The partition's high watermark.
    public var high: Int64
    /// The partition's low watermark.
    public var low: Int64
    /// Where the numbers come from.
    public var source: Source

    /// Creates a sample.
    public init(
        timestamp: Int64, group: String, topic: String, partition: Int32, committed: Int64?, high: Int64, low: Int64, source: Source = .cluster
    ) {
        self.timestamp = timestamp
        self.group = group
        self.topic = topic
        self.partition = partition
        self.committed = committed
        self.high = high
        self.low = low
        self.source = source
    }

    /// Records not yet committed by the group: high − committed (− low when nothing is committed).
    public var lag: Int64 { max(0, high - (committed ?? low)) }
}

/// Something the runner did during a run, with its time: a fault, a process started, killed or stopped.
public struct RunMark: Sendable, Hashable, Codable {
    /// The kind of mark.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A fault scenario's step fired.
        case fault
        /// A fault step could not be applied.
        case faultSkipped
        /// A process started.
        case processStarted
        /// A process exited or was stopped.
        case processExited
        /// The input (the planned messages) was all acknowledged or the producers finished.
        case inputFinished
    }

    /// Milliseconds since 1970.
    public var timestamp: Int64
    /// The kind.
    public var kind: Kind
    /// The scenario (for faults) or the process instance.
    public var subject: String
    /// What happened.
    public var detail: String

    /// Creates a mark.
    public init(timestamp: Int64, kind: Kind, subject: String, detail: String) {
        self.timestamp = timestamp
        self.kind = kind
        self.subject = subject
        self.detail = detail
    }
}

import KafkaSkillModel
import KafkaServiceRuntime
/// The structures the checks share, derived once from a history: every write with its attempts and their
/// transaction outcome, every read, and the drained log by value and by position.
struct HistoryIndex {
    /// A topic and value: the identity of a write (values are unique sequence numbers per topic and run).
    struct ValueID: Hashable, Comparable {
        var topic: String
        var value: String

        static func < (lhs: Self, rhs: Self) -> Bool {
            if lhs.topic != rhs.topic { return lhs.topic < rhs.topic }
            if let left = Int64(lhs.value), let right = Int64(rhs.value) { return left < right }
            return lhs.value < rhs.value
        }
    }

    struct Position: Hashable {
        var topic: String
        var partition: Int32
        var offset: Int64
    }

    enum TransactionOutcome {
        /// Not sent inside a transaction.
        case none
        case committed
        case aborted
        /// The commit's result is unknown (it failed without an abort, or the process ended mid-commit).
        case unknown
    }

    /// One attempt to write a value: one `producer_send` (or, without it, one outcome event).
    struct Attempt {
        var instance: String
        var key: String?
        /// The attempt's position among its instance's sends.
        var sendIndex: Int
        var acked: (partition: Int32, offset: Int64, location: SourceLocation)?
        var failedDefinitely = false
        var transaction: Int?
        var outcome: TransactionOutcome = .none
        var location: SourceLocation
    }

    struct Read {
        var instance: String
        var partition: Int32
        var offset: Int64
        var key: String?
        var location: SourceLocation
    }

    var attempts: [ValueID: [Attempt]] = [:]
    var reads: [ValueID: [Read]] = [:]
    var drained: [ValueID: [DrainedRecord]] = [:]
    var drainedAt: [Position: DrainedRecord] = [:]
    var lowWatermark: [ServiceEvent.Partition: Int64] = [:]
    /// Topics some service reads: those it processed records of, and the topics a reader announced in
    /// `startup_complete` except those it writes (a processor announces its output topics too).
    var readTopics: Set<String> = []
    /// Events of each instance, in file order.
    var byInstance: [(instance: String, events: [RecordedEvent])] = []

    init(_ history: History) {
        var order: [String] = []
        var grouped: [String: [RecordedEvent]] = [:]
        for event in history.events {
            if grouped[event.instance] == nil { order.append(event.instance) }
            grouped[event.instance, default: []].append(event)
        }
        byInstance = order.map { ($0, grouped[$0] ?? []) }
        for (instance, events) in byInstance { indexWrites(instance: instance, events: events) }
        for record in history.drain.records {
            drained[ValueID(topic: record.topic, value: record.value), default: []].append(record)
            drainedAt[Position(topic: record.topic, partition: record.partition, offset: record.offset)] = record
        }
        for marks in history.drain.watermarks {
            lowWatermark[ServiceEvent.Partition(topic: marks.topic, partition: marks.partition)] = marks.low
        }
        var announced: [String: [String]] = [:]
        var written: [String: Set<String>] = [:]
        var deadLetterTopics: Set<String> = []
        for event in history.events {
            switch event.event.kind {
            case .producerSend(let topic, _, _), .producerSendSuccess(let topic, _, _, _, _), .producerSendError(let topic, _, _, _, _, _):
                // By service, not instance: a restarted or fenced instance may announce outputs it never wrote.
                written[event.event.service, default: []].insert(topic)
            case .deadLetter(let topic, _, _, _, _, _, _):
                deadLetterTopics.insert(topic)
            case .startupComplete(let role, let topics, _, _) where role?.reads == true:
                announced[event.event.service, default: []] += topics
            default:
                break
            }
        }
        for (service, topics) in announced {
            readTopics.formUnion(topics.filter { !(written[service]?.contains($0) ?? false) && !deadLetterTopics.contains($0) })
        }
        for event in history.events {
            switch event.event.kind {
            case .recordData(let topic, let partition, let offset, let key, let value):
                reads[ValueID(topic: topic, value: value), default: []].append(
                    Read(instance: event.instance, partition: partition, offset: offset, key: key, location: event.location))
                readTopics.insert(topic)
            case .deadLetter(_, _, _, let sourceTopic, let sourcePartition, let sourceOffset, _):
                // A dead-lettered record was handled: count it as read where the drain shows its value.
                let position = Position(topic: sourceTopic, partition: sourcePartition, offset: sourceOffset)
                if let record = drainedAt[position] {
                    reads[ValueID(topic: sourceTopic, value: record.value), default: []].append(
                        Read(instance: event.instance, partition: sourcePartition, offset: sourceOffset, key: record.key, location: event.location))
                }
                readTopics.insert(sourceTopic)
            default:
                break
            }
        }
    }

    /// Attempts come from `producer_send`; outcomes attach to the oldest open attempt of the same value.
    /// Transactions attach by where the send was invoked, since delivery reports may be written later.
    private mutating func indexWrites(instance: String, events: [RecordedEvent]) {
        var openTransaction: Int?
        var sendCount = 0
        var members: [Int: [(ValueID, Int)]] = [:]
        func newAttempt(_ id: ValueID, key: String?, location: SourceLocation) -> Int {
            sendCount += 1
            var attempt = Attempt(instance: instance, key: key, sendIndex: sendCount, location: location)
            attempt.transaction = openTransaction
            attempts[id, default: []].append(attempt)
            let slot = attempts[id, default: []].count - 1
            if let openTransaction { members[openTransaction, default: []].append((id, slot)) }
            return slot
        }
        func pendingAttempt(_ id: ValueID, key: String?, location: SourceLocation) -> Int {
            let list = attempts[id] ?? []
            if let slot = list.firstIndex(where: { $0.instance == instance && $0.acked == nil && !$0.failedDefinitely }) {
                return slot
            }
            return newAttempt(id, key: key, location: location)
        }
        for recorded in events {
            switch recorded.event.kind {
            case .producerSend(let topic, let key, let value):
                _ = newAttempt(ValueID(topic: topic, value: value), key: key, location: recorded.location)
            case .producerSendSuccess(let topic, let key, let value, let partition, let offset):
                let id = ValueID(topic: topic, value: value)
                let slot = pendingAttempt(id, key: key, location: recorded.location)
                attempts[id]?[slot].acked = (partition, offset, recorded.location)
            case .producerSendError(let topic, let key, let value, _, _, let indefinite):
                let id = ValueID(topic: topic, value: value)
                let slot = pendingAttempt(id, key: key, location: recorded.location)
                if !indefinite { attempts[id]?[slot].failedDefinitely = true }
            case .transactionBegin(let number):
                openTransaction = number
            case .transactionCommit(let number, let success):
                settle(members[number] ?? [], success ? .committed : .unknown)
                if openTransaction == number { openTransaction = nil }
            case .transactionAbort(let number, _):
                settle(members[number] ?? [], .aborted)
                if openTransaction == number { openTransaction = nil }
            default:
                break
            }
        }
        // A transaction still open when the process ended never committed: its coordinator aborts it.
        if let openTransaction { settle(members[openTransaction] ?? [], .aborted) }
    }

    private mutating func settle(_ list: [(ValueID, Int)], _ outcome: TransactionOutcome) {
        for (id, slot) in list { attempts[id]?[slot].outcome = outcome }
    }

    /// The acknowledged attempt that counts as the value's committed write, if any.
    func committedWrite(_ id: ValueID) -> Attempt? {
        attempts[id]?.first { $0.acked != nil && ($0.outcome == .none || $0.outcome == .committed) }
    }

    /// Whether every attempt of the value was aborted or definitely failed, so no reader may see it.
    func isNeverCommitted(_ id: ValueID) -> Bool {
        guard let list = attempts[id], !list.isEmpty else { return false }
        return list.allSatisfy { $0.outcome == .aborted || ($0.failedDefinitely && $0.outcome != .committed) }
    }

    /// Every value with a committed, acknowledged write, in topic and value order.
    var committedValues: [ValueID] {
        attempts.keys.filter { committedWrite($0) != nil }.sorted()
    }
}

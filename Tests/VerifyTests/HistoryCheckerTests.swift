import KafkaSkillModel
import Testing
import Verify
import KafkaServiceRuntime

@Suite("History checker on hand-built histories")
struct HistoryCheckerTests {
    private let everything = DeliveryAssertion.allCases

    @Test("a clean at-least-once history has no anomaly and passes every claim on a real cluster")
    func cleanHistory() {
        let history = HistoryFixture.clean().history
        #expect(HistoryChecker.anomalies(in: history).isEmpty)
        let result = HistoryChecker(assertions: everything, cluster: .real, transactional: false).check(history)
        #expect(result.outcomes.map(\.status) == Array(repeating: .passed, count: everything.count))
        #expect(result.observations.isEmpty)
    }

    @Test("an acknowledged write missing from the drain is a lost write, with the ack's event line")
    func lostWrite() throws {
        var fixture = HistoryFixture.clean()
        fixture.produce(key: "key-9", value: 100, partition: 1, offset: 10, logged: false)
        let anomalies = HistoryChecker.lostWrites(in: fixture.history)
        let lost = try #require(anomalies.first)
        #expect(anomalies.count == 1)
        #expect(lost.kind == .lostWrite)
        #expect(lost.records.first?.value == "100")
        #expect(lost.records.first?.offset == 10)
        #expect(lost.records.first?.location?.file == "producer#1.jsonl")
        let outcome = HistoryChecker(assertions: [.noLostWrites], cluster: .real, transactional: false).check(fixture.history).outcomes[0]
        #expect(outcome.status == .failed)
        #expect(outcome.detail.contains("lost-write"))
    }

    @Test("a write acknowledged without an offset and missing from the log is lost, and the summary says it had no offset")
    func lostWithoutOffset() throws {
        var fixture = HistoryFixture.clean()
        fixture.produce(key: "key-2", value: 1692, partition: 0, offset: -1001, logged: false)
        let lost = try #require(HistoryChecker.lostWrites(in: fixture.history).first)
        #expect(lost.summary.contains("value 1692 was acknowledged on t[0] without an offset"))
        #expect(lost.records.first?.offset == -1001)
        // The mock cluster accepts sequence gaps, so there it is the cluster's loss; a real broker would not.
        let embedded = HistoryChecker(assertions: [.noLostWrites], cluster: .embedded, transactional: false).check(fixture.history)
        #expect(embedded.outcomes.map(\.status) == [.needsRealCluster])
        #expect(embedded.outcomes[0].detail.contains("does not check an idempotent producer's sequence numbers"))
        let real = HistoryChecker(assertions: [.noLostWrites], cluster: .real, transactional: false).check(fixture.history)
        #expect(real.outcomes.map(\.status) == [.failed])
        // A loss with an offset stays a failure on the embedded cluster too.
        fixture.produce(key: "key-3", value: 1693, partition: 0, offset: 40, logged: false)
        let mixed = HistoryChecker(assertions: [.noLostWrites], cluster: .embedded, transactional: false).check(fixture.history)
        #expect(mixed.outcomes.map(\.status) == [.failed])
    }

    @Test("writes below the low watermark were trimmed by the cluster, not lost")
    func trimmedIsNotLost() {
        var fixture = HistoryFixture()
        fixture.produce(key: "k", value: 1, partition: 0, offset: 0, logged: false)
        fixture.produce(key: "k", value: 2, partition: 0, offset: 1)
        fixture.watermarks = [DrainResult.Watermarks(topic: "t", partition: 0, low: 1, high: 2)]
        #expect(HistoryChecker.lostWrites(in: fixture.history).isEmpty)
    }

    @Test("a write in the log that no service consumer processed is unseen")
    func unseen() {
        var fixture = HistoryFixture.clean()
        fixture.produce(key: "key-1", value: 200, partition: 0, offset: 10)
        let unseen = HistoryChecker.unseen(in: fixture.history)
        #expect(unseen.map(\.kind) == [.unseen])
        #expect(unseen.first?.records.map(\.role) == ["acked", "drained"])
        #expect(HistoryChecker.lostWrites(in: fixture.history).isEmpty)
    }

    @Test("a processor's own output topic, though announced in startup_complete, is not expected to be read")
    func processorOutputIsNotUnseen() {
        var fixture = HistoryFixture()
        fixture.emit("processor#1", .startupComplete(role: .processor, topics: ["in", "out"], outputTopics: ["out"], group: "p"))
        fixture.produce("driver#1", topic: "in", key: "k", value: 1, partition: 0, offset: 0)
        fixture.read("processor#1", topic: "in", partition: 0, offset: 0, key: "k", value: 1)
        fixture.produce("processor#1", topic: "out", key: "k", value: 1, partition: 0, offset: 0)
        fixture.emit("processor#2", .startupComplete(role: .processor, topics: ["in", "out"], outputTopics: ["out"], group: "p"))
        #expect(HistoryChecker.unseen(in: fixture.history).isEmpty)

        var silent = HistoryFixture()
        silent.emit("processor#1", .startupComplete(role: .processor, topics: ["in", "out"], outputTopics: ["out"], group: "p"))
        silent.produce("driver#1", topic: "in", key: "k", value: 1, partition: 0, offset: 0)
        silent.produce("processor#1", topic: "out", key: "k", value: 9, partition: 0, offset: 0)
        #expect(HistoryChecker.unseen(in: silent.history).map(\.records.first?.topic) == ["in"])
    }

    @Test("without a reading service, writes are not expected to be seen")
    func noReaderNoUnseen() {
        var fixture = HistoryFixture()
        fixture.produce(key: "k", value: 1, partition: 0, offset: 0)
        #expect(HistoryChecker.unseen(in: fixture.history).isEmpty)
    }

    @Test("an ack whose offset holds another value in the log is an inconsistent offset")
    func inconsistentOffset() {
        var fixture = HistoryFixture()
        fixture.produce(key: "k", value: 1, partition: 0, offset: 0, logged: false)
        fixture.drained.append(DrainedRecord(topic: "t", partition: 0, offset: 0, key: "k", value: "7"))
        let anomalies = HistoryChecker.inconsistentOffsets(in: fixture.history)
        #expect(anomalies.map(\.kind) == [.inconsistentOffset])
        #expect(anomalies.first?.records.map(\.value) == ["1", "7"])
    }

    @Test("a value at two offsets is a duplicate: a failure when no-duplicates is claimed, acceptable otherwise")
    func duplicates() {
        var fixture = HistoryFixture.clean()
        fixture.drained.append(DrainedRecord(topic: "t", partition: 0, offset: 99, key: "key-0", value: "0"))
        let found = HistoryChecker.duplicates(in: fixture.history)
        #expect(found.map(\.kind) == [.duplicate])
        #expect(found.first?.records.map(\.offset) == [0, 99])

        let claimed = HistoryChecker(assertions: [.noDuplicates], cluster: .real, transactional: false).check(fixture.history)
        #expect(claimed.outcomes.first?.status == .failed)
        let unclaimed = HistoryChecker(assertions: [.noLostWrites], cluster: .real, transactional: false).check(fixture.history)
        #expect(unclaimed.outcomes.first?.status == .passed)
        #expect(unclaimed.observations.map(\.kind) == [.duplicate])
    }

    @Test("processing a value twice is a redelivery, reported but never failing a claim")
    func redelivery() {
        var fixture = HistoryFixture.clean()
        fixture.read("consumer#2", partition: 0, offset: 0, key: "key-0", value: 0)
        #expect(HistoryChecker.redeliveries(in: fixture.history).map(\.kind) == [.redelivery])
        let result = HistoryChecker(assertions: everything, cluster: .real, transactional: false).check(fixture.history)
        #expect(result.outcomes.allSatisfy { $0.status == .passed })
        #expect(result.observations.map(\.kind) == [.redelivery])
    }

    @Test("two sends of one key stored in the opposite order are an order violation")
    func orderViolation() {
        var fixture = HistoryFixture()
        fixture.emit("producer#1", .producerSend(topic: "t", key: "k", value: "1"))
        fixture.emit("producer#1", .producerSend(topic: "t", key: "k", value: "2"))
        fixture.emit("producer#1", .producerSendSuccess(topic: "t", key: "k", value: "2", partition: 0, offset: 0))
        fixture.emit("producer#1", .producerSendSuccess(topic: "t", key: "k", value: "1", partition: 0, offset: 1))
        fixture.drained = [
            DrainedRecord(topic: "t", partition: 0, offset: 0, key: "k", value: "2"),
            DrainedRecord(topic: "t", partition: 0, offset: 1, key: "k", value: "1"),
        ]
        let found = HistoryChecker.orderViolations(in: fixture.history)
        #expect(found.map(\.kind) == [.orderViolation])
        #expect(found.first?.records.map(\.value) == ["2", "1"])
    }

    @Test("one key in two partitions is a key split")
    func keySplit() {
        var fixture = HistoryFixture()
        fixture.produce(key: "k", value: 1, partition: 0, offset: 0)
        fixture.produce(key: "k", value: 2, partition: 1, offset: 0)
        #expect(HistoryChecker.orderViolations(in: fixture.history).map(\.kind) == [.keySplit])
    }

    @Test("reading backwards without a rebalance is nonmonotonic; after an assignment it is not")
    func nonmonotonicRead() {
        var fixture = HistoryFixture()
        fixture.startConsumer()
        fixture.read(partition: 0, offset: 0, key: "k", value: 1)
        fixture.read(partition: 0, offset: 1, key: "k", value: 2)
        fixture.read(partition: 0, offset: 0, key: "k", value: 1)
        #expect(HistoryChecker.nonmonotonicReads(in: fixture.history).map(\.kind) == [.nonmonotonicRead])

        var rebalanced = HistoryFixture()
        rebalanced.startConsumer()
        rebalanced.read(partition: 0, offset: 0, key: "k", value: 1)
        rebalanced.read(partition: 0, offset: 1, key: "k", value: 2)
        rebalanced.emit("consumer#1", .partitionsAssigned([ServiceEvent.Partition(topic: "t", partition: 0)]))
        rebalanced.read(partition: 0, offset: 0, key: "k", value: 1)
        #expect(HistoryChecker.nonmonotonicReads(in: rebalanced.history).isEmpty)
    }

    @Test("reading a record of an aborted transaction is an aborted read; a committed retry of it is not")
    func abortedRead() {
        var fixture = HistoryFixture()
        fixture.emit("processor#1", .transactionBegin(transaction: 1))
        fixture.produce("processor#1", topic: "out", key: "k", value: 5, partition: 0, offset: 0)
        fixture.emit("processor#1", .transactionAbort(transaction: 1, reason: "injected"))
        fixture.read("reader#1", topic: "out", partition: 0, offset: 0, key: "k", value: 5)
        let found = HistoryChecker.abortedReads(in: fixture.history)
        #expect(found.map(\.kind) == [.abortedRead, .abortedRead])
        #expect(Set(found.flatMap(\.records).map(\.role)) == ["read", "drained"])

        var uncommittedDrain = fixture
        uncommittedDrain.isolationLevel = "read_uncommitted"
        #expect(HistoryChecker.abortedReads(in: uncommittedDrain.history).count == 1)

        var retried = fixture
        retried.emit("processor#1", .transactionBegin(transaction: 2))
        retried.produce("processor#1", topic: "out", key: "k", value: 5, partition: 0, offset: 2)
        retried.emit("processor#1", .transactionCommit(transaction: 2, success: true))
        #expect(HistoryChecker.abortedReads(in: retried.history).isEmpty)
    }

    @Test("a transaction left open when its process died counts as aborted")
    func openTransactionIsAborted() {
        var fixture = HistoryFixture()
        fixture.emit("processor#1", .transactionBegin(transaction: 3))
        fixture.produce("processor#1", topic: "out", key: "k", value: 8, partition: 0, offset: 0)
        #expect(HistoryChecker.abortedReads(in: fixture.history).count == 1)
        #expect(HistoryChecker.lostWrites(in: fixture.history).isEmpty)
    }

    @Test("committing beyond the processed position is committed-ahead; re-committing a known offset is not")
    func committedAhead() {
        var fixture = HistoryFixture()
        fixture.startConsumer()
        fixture.read(partition: 0, offset: 0, key: "k", value: 1)
        fixture.commit(partition: 0, offset: 1)
        fixture.commit(partition: 0, offset: 5)
        let found = HistoryChecker.committedAhead(in: fixture.history)
        #expect(found.map(\.kind) == [.committedAhead])
        #expect(found.first?.records.first?.offset == 5)

        var restarted = HistoryFixture()
        restarted.startConsumer()
        restarted.read(partition: 0, offset: 0, key: "k", value: 1)
        restarted.commit(partition: 0, offset: 1)
        restarted.startConsumer("consumer#2")
        restarted.commit("consumer#2", partition: 0, offset: 1)
        #expect(HistoryChecker.committedAhead(in: restarted.history).isEmpty)

        var failedCommit = HistoryFixture()
        failedCommit.startConsumer()
        failedCommit.commit(partition: 0, offset: 9, success: false)
        #expect(HistoryChecker.committedAhead(in: failedCommit.history).isEmpty)
    }

    @Test("lag still above zero in the last sample is lag that did not drain")
    func lagNotDrained() {
        var fixture = HistoryFixture.clean()
        fixture.lag(partition: 0, committed: 3, high: 10)
        let found = HistoryChecker.lagNotDrained(in: fixture.history)
        #expect(found.map(\.kind) == [.lagNotDrained])
        #expect(found.first?.summary.contains("lags 7") == true)

        var recovered = HistoryFixture()
        recovered.lag(partition: 0, committed: nil, high: 10)
        recovered.lag(partition: 0, committed: 10, high: 10)
        #expect(HistoryChecker.lagNotDrained(in: recovered.history).isEmpty)
    }

    @Test("the embedded cluster cannot prove isolation or transactional exactly-once: needs a real cluster, never passed")
    func needsRealCluster() {
        var fixture = HistoryFixture.clean()
        fixture.emit("processor#1", .transactionBegin(transaction: 1))
        fixture.produce("processor#1", topic: "out", key: "k", value: 5, partition: 0, offset: 0)
        fixture.emit("processor#1", .transactionAbort(transaction: 1, reason: nil))
        let history = fixture.history
        #expect(HistoryChecker.isTransactional(history))
        let embedded = HistoryChecker(assertions: [.noAbortedReads, .noDuplicates, .noLostWrites], cluster: .embedded, transactional: true)
            .check(history)
        let statuses = Dictionary(uniqueKeysWithValues: embedded.outcomes.map { ($0.name, $0.status) })
        #expect(statuses["no-aborted-reads"] == .needsRealCluster)
        #expect(statuses["no-duplicates"] == .needsRealCluster)
        #expect(statuses["no-lost-writes"] == .passed)
        let aborted = embedded.outcomes.first { $0.name == "no-aborted-reads" }
        #expect(aborted?.detail.hasPrefix("needs a real cluster: ") == true)
        #expect(aborted?.anomalies.isEmpty == false)

        let real = HistoryChecker(assertions: [.noAbortedReads], cluster: .real, transactional: true).check(history)
        #expect(real.outcomes.first?.status == .failed)
    }

    @Test("a claim the run never exercised fails with the reason instead of passing vacuously")
    func vacuousClaimsFail() {
        let empty = HistoryChecker(assertions: everything, cluster: .real, transactional: false).check(History())
        #expect(empty.outcomes.allSatisfy { $0.status == .failed })
        let commits = empty.outcomes.first { $0.name == "committed-not-ahead" }
        #expect(commits?.detail.contains("offsets_committed") == true)

        let drainFailed = HistoryFixture.clean()
        var history = drainFailed.history
        history.drain.incomplete = ["t[1]: timed out"]
        let outcome = HistoryChecker(assertions: [.noLostWrites], cluster: .real, transactional: false).check(history).outcomes[0]
        #expect(outcome.status == .failed)
        #expect(outcome.detail.contains("t[1]: timed out"))
    }
}

import Kafka
import Testing

@testable import LagMonitor

/// Hand-built windows, one per rule, oldest sample first; timestamps in milliseconds.
@Suite struct BurrowEvaluatorTests {
    func window(_ entries: [(offset: Int64, lag: Int64, at: Int64)]) -> [LagSample] {
        entries.map { LagSample(offset: $0.offset, lag: $0.lag, timestampMs: $0.at) }
    }

    @Test func zeroLagAnywhereInTheWindowIsOK() {
        let samples = window([(10, 5, 0), (10, 0, 1000), (10, 5, 2000)])
        #expect(BurrowEvaluator.status(window: samples, currentLag: 5, nowMs: 2000) == .ok)
        #expect(BurrowEvaluator.status(window: window([(10, 5, 0), (10, 5, 1000)]), currentLag: 0, nowMs: 1000) == .ok)
    }

    @Test func anOffsetGoingBackIsRewindBeforeAnythingElse() {
        let samples = window([(10, 5, 0), (20, 5, 1000), (15, 10, 2000)])
        #expect(BurrowEvaluator.status(window: samples, currentLag: 10, nowMs: 100_000) == .rewind)
    }

    @Test func silenceLongerThanTheWindowIsStop() {
        let samples = window([(10, 5, 0), (12, 6, 1000), (14, 7, 2000)])
        #expect(BurrowEvaluator.status(window: samples, currentLag: 7, nowMs: 4001) == .stop)
        #expect(BurrowEvaluator.status(window: samples, currentLag: 7, nowMs: 4000) == .warn)
    }

    @Test func anUnmovingOffsetWithLagIsStall() {
        let samples = window([(10, 5, 0), (10, 6, 1000), (10, 9, 2000)])
        #expect(BurrowEvaluator.status(window: samples, currentLag: 9, nowMs: 2000) == .stall)
    }

    @Test func movingOffsetsWithLagThatNeverShrinksIsWarn() {
        let samples = window([(10, 5, 0), (12, 5, 1000), (14, 8, 2000)])
        #expect(BurrowEvaluator.status(window: samples, currentLag: 8, nowMs: 2000) == .warn)
        let catchingUp = window([(10, 5, 0), (12, 8, 1000), (14, 6, 2000)])
        #expect(BurrowEvaluator.status(window: catchingUp, currentLag: 6, nowMs: 2000) == .ok)
    }

    @Test func aSingleSampleCannotShowATrend() {
        let one = window([(10, 5, 0)])
        #expect(BurrowEvaluator.status(window: one, currentLag: 5, nowMs: 0) == .ok)
        #expect(BurrowEvaluator.status(window: one, currentLag: 5, nowMs: 1) == .stop)
        #expect(BurrowEvaluator.status(window: [], currentLag: 5, nowMs: 0) == .ok)
    }

    @Test func theGroupTakesTheWorstAndFoldsSevereOnesIntoErr() {
        #expect(BurrowEvaluator.groupStatus([.ok, .warn, .ok]) == .warn)
        #expect(BurrowEvaluator.groupStatus([.ok, .stall]) == .err)
        #expect(BurrowEvaluator.groupStatus([.rewind, .warn]) == .err)
        #expect(BurrowEvaluator.groupStatus([]) == .notFound)
    }

    @Test func theTrackerKeepsTimeStillForAGroupWithoutMembers() {
        var tracker = LagTracker(windowSize: 3)
        let partition = Kafka.KafkaTopicPartition(topic: "t", partition: 0)
        for (index, offset) in [Int64(10), 10, 10, 10].enumerated() {
            tracker.record([partition: PartitionOffsets(committed: offset, highWatermark: 20)], atMs: Int64(index) * 1000, groupHasMembers: false)
        }
        // All three kept samples carry the first sighting's time: commits stopped.
        #expect(tracker.report(group: "g", nowMs: 3000).partitions.first?.status == .stop)
        var active = LagTracker(windowSize: 3)
        for (index, offset) in [Int64(10), 10, 10, 10].enumerated() {
            active.record([partition: PartitionOffsets(committed: offset, highWatermark: 20)], atMs: Int64(index) * 1000, groupHasMembers: true)
        }
        let report = active.report(group: "g", nowMs: 3000)
        #expect(report.partitions.first?.status == .stall)
        #expect(report.partitions.first?.samples == 3)
        #expect(report.status == .err && report.complete == 1 && report.totalLag == 10)
    }
}

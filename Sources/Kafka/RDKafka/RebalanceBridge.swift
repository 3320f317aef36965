import CRdKafka
import Dispatch
import Logging
import Synchronization

/// Runs librdkafka's rebalance callback: applies the assignment the way the group's protocol needs
/// (eager `assign` or cooperative `incremental_assign`) and runs the user's async handler inside it.
///
/// The callback runs on the thread that polls the consumer (never Swift's cooperative pool); it waits for
/// the user's handler, which runs as a task, so the handler can `await` a commit before the partitions go.
final class RebalanceBridge: Sendable {
    typealias Handler = @Sendable (KafkaRebalance) async -> Void

    let handler = Mutex<Handler?>(nil)
    let logger: Logger
    /// Whether the group has handed this member an assignment (possibly empty) at least once; librdkafka
    /// calls the callback for every completed SyncGroup, also when no partition moved.
    let hasBeenAssigned = Atomic<Bool>(false)
    /// Whether the user's handler is running, while the poll thread waits for it inside the callback: work
    /// the handler asks for must not be queued behind that poll.
    let isRunningHandler = Atomic<Bool>(false)
    /// Set for the task that runs the user's handler (and its child tasks): its calls may still reach the
    /// consumer while it closes, and its `close()` must not wait for the poll that waits for it.
    @TaskLocal static var isInsideHandler = false
    private let coreBox = Mutex<ConsumerCoreReference?>(nil)

    init(logger: Logger) { self.logger = logger }

    func attach(_ core: ConsumerCore) { coreBox.withLock { $0 = ConsumerCoreReference(core: core) } }
    func detach() { coreBox.withLock { $0 = nil } }

    func rebalance(handle: OpaquePointer, error: rd_kafka_resp_err_t, partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?) {
        let isCooperative = String(cString: rd_kafka_rebalance_protocol(handle)) == "COOPERATIVE"
        let moved = partitions.map { list in
            (0..<Int(list.pointee.cnt)).map { index in
                KafkaTopicPartition(topic: String(cString: list.pointee.elems[index].topic), partition: list.pointee.elems[index].partition)
            }
        } ?? []
        switch error {
        case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
            hasBeenAssigned.store(true, ordering: .releasing)
            // The handler runs before the assignment so that its seeks become the partitions' start offsets.
            let starts = runHandler(kind: .assigned, partitions: moved, isCooperative: isCooperative) ?? [:]
            coreBox.withLock { $0?.core }?.recordAssignment(moved, starts: starts)
            if let list = partitions, !starts.isEmpty {
                for index in 0..<Int(list.pointee.cnt) {
                    let element = list.pointee.elems[index]
                    let partition = KafkaTopicPartition(topic: String(cString: element.topic), partition: element.partition)
                    if let offset = starts[partition] { list.pointee.elems[index].offset = offset }
                }
            }
            if isCooperative {
                if let failure = rd_kafka_incremental_assign(handle, partitions) {
                    logger.error("incremental assign failed: \(KafkaError(consuming: failure))")
                }
            } else {
                rd_kafka_assign(handle, partitions)
            }
            logger.info("partitions assigned: \(moved.map(\.description).joined(separator: ", "))")
        case RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS:
            let kind: KafkaRebalance.Kind = rd_kafka_assignment_lost(handle) != 0 ? .lost : .revoked
            coreBox.withLock { $0?.core }?.recordRevocation(moved, forgettingSeeks: true)
            logger.info("partitions \(kind.rawValue): \(moved.map(\.description).joined(separator: ", "))")
            runHandler(kind: kind, partitions: moved, isCooperative: isCooperative)
            if isCooperative {
                if let failure = rd_kafka_incremental_unassign(handle, partitions) {
                    logger.error("incremental unassign failed: \(KafkaError(consuming: failure))")
                }
            } else {
                rd_kafka_assign(handle, nil)
            }
        default:
            logger.error("rebalance failed: \(KafkaError(code: .init(rawValue: error.rawValue)))")
            rd_kafka_assign(handle, nil)
        }
    }

    /// Runs the user's handler and waits for it.
    /// - Returns: On assignment, the start offsets the handler chose; `nil` when no handler ran.
    @discardableResult
    private func runHandler(kind: KafkaRebalance.Kind, partitions: [KafkaTopicPartition], isCooperative: Bool)
        -> [KafkaTopicPartition: Int64]?
    {
        guard let handler = handler.withLock({ $0 }), let core = coreBox.withLock({ $0?.core }) else { return nil }
        let starts = kind == .assigned ? KafkaRebalance.StartOffsets() : nil
        let event = KafkaRebalance(
            kind: kind, partitions: partitions, rebalanceProtocol: isCooperative ? .cooperative : .eager, core: core,
            startOffsets: starts)
        let done = DispatchSemaphore(value: 0)
        isRunningHandler.store(true, ordering: .releasing)
        Task {
            await Self.$isInsideHandler.withValue(true) { await handler(event) }
            done.signal()
        }
        done.wait()
        isRunningHandler.store(false, ordering: .releasing)
        return starts?.offsets.withLock { $0 }
    }
}

/// A strong reference to the consumer's core, cleared when the consumer closes.
struct ConsumerCoreReference: Sendable {
    let core: ConsumerCore
}

/// librdkafka's rebalance callback; the opaque is the client's ``RDKafkaContext``.
func rdKafkaRebalanceCallback(
    _ handle: OpaquePointer?,
    _ error: rd_kafka_resp_err_t,
    _ partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?,
    _ opaque: UnsafeMutableRawPointer?
) {
    guard let handle else { return }
    guard let opaque, let bridge = Unmanaged<RDKafkaContext>.fromOpaque(opaque).takeUnretainedValue().rebalance else {
        rd_kafka_assign(handle, error == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS ? partitions : nil)
        return
    }
    bridge.rebalance(handle: handle, error: error, partitions: partitions)
}

/// Logs the outcome of fire-and-forget commits.
func rdKafkaOffsetCommitCallback(
    _ handle: OpaquePointer?,
    _ error: rd_kafka_resp_err_t,
    _ offsets: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?,
    _ opaque: UnsafeMutableRawPointer?
) {
    guard error != RD_KAFKA_RESP_ERR_NO_ERROR, error != RD_KAFKA_RESP_ERR__NO_OFFSET else { return }
    guard let opaque else { return }
    let context = Unmanaged<RDKafkaContext>.fromOpaque(opaque).takeUnretainedValue()
    context.logger.warning("background commit failed: \(KafkaError(code: .init(rawValue: error.rawValue)))")
}

/// Logs client-level consumer errors (librdkafka recovers from most of them by itself).
func rdKafkaErrorCallback(
    _ handle: OpaquePointer?,
    _ error: Int32,
    _ reason: UnsafePointer<CChar>?,
    _ opaque: UnsafeMutableRawPointer?
) {
    guard let opaque else { return }
    let context = Unmanaged<RDKafkaContext>.fromOpaque(opaque).takeUnretainedValue()
    let code = KafkaError.Code(rawValue: error)
    let text = reason.map { String(cString: $0) } ?? code.librdkafkaDescription
    context.logger.warning("consumer error \(code.name): \(text)")
}

import CRdKafka
import Dispatch
import Logging
import Synchronization

/// Closing the consumer: leave the group (running the final revoke) and release librdkafka, in bounded time.
extension ConsumerCore {
    /// How long close waits for a cooperative-sticky member's first assignment on librdkafka < 2.3.0.
    static let firstAssignmentWait = Duration.seconds(5)

    /// How long leaving the group may take before the handle is given up instead of waited on for ever.
    static let leaveGroupTimeout = Duration.seconds(30)

    /// librdkafka before 2.3.0 frees the cooperative-sticky assignor's state in `rd_kafka_destroy` without
    /// checking that it exists (confluentinc/librdkafka#4312, fixed by #4381 in 2.3.0). The state is created
    /// by the member's first completed SyncGroup, while the assignor is chosen one step earlier, by the
    /// JoinGroup answer: destroying a member closed between the two aborts the whole process on
    /// `rdkafka_sticky_assignor.c:1896: Assertion 'assignor_state' failed`.
    static let destroyMayAbortBeforeFirstAssignment = rd_kafka_version() < 0x0203_0000

    /// Closes the consumer and returns once it is closed. Called from inside a rebalance handler, whose
    /// poll the close must wait for, it only begins the close (which finishes once the handler returned).
    func close() async {
        let insideHandler = RebalanceBridge.isInsideHandler
        guard await beginClose(waiting: !insideHandler) else { return }
        if insideHandler {
            logger.info("consumer: close() called from a rebalance handler; closing once the handler returns")
            pollQueue.async { self.finishClosing() }
            return
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            // On the poll queue, so no poll is running; close runs the final revoke through the bridge.
            pollQueue.async {
                self.finishClosing()
                continuation.resume()
            }
        }
    }

    /// Called when the public consumer is dropped without `close()`; closes in the background, since
    /// closing may wait for the group and a `deinit` must not block its thread.
    func abandon() {
        guard beginCloseNow() else { return }
        logger.warning("KafkaConsumer dropped without close(); closing it now")
        pollQueue.async { self.finishClosing() }
    }

    /// Leaves the group and releases librdkafka once the calls still running have returned; runs on the
    /// poll queue.
    private func finishClosing() {
        storeHandedOut()
        let assignorStateMissing = awaitFirstAssignmentIfNeeded()
        let hasLeft = leaveGroup()
        bridge.detach()
        drainAndDestroy {
            if hasLeft && !assignorStateMissing {
                // librdkafka waits in destroy for every queue reference to go.
                if let consumerQueue { rd_kafka_queue_destroy(consumerQueue) }
                handle.destroy()
            } else {
                if assignorStateMissing {
                    logger.warning(
                        """
                        consumer close: the cooperative-sticky member was closed before its first assignment; \
                        librdkafka \(String(cString: rd_kafka_version_str())) would abort the process in \
                        rd_kafka_destroy (fixed in 2.3.0), so the client is left allocated until the process exits
                        """)
                }
                handle.leak()
            }
        }
    }

    /// On an affected librdkafka, gives a cooperative-sticky member that has joined but not yet been assigned
    /// a bounded time to receive its first assignment, serving the rebalance callback meanwhile.
    /// - Returns: Whether the assignor state may still be missing, so the handle must not be destroyed.
    private func awaitFirstAssignmentIfNeeded() -> Bool {
        guard Self.destroyMayAbortBeforeFirstAssignment, usesCooperativeSticky,
            isSubscribed.load(ordering: .acquiring), !bridge.hasBeenAssigned.load(ordering: .acquiring)
        else { return false }
        // The member id comes with the JoinGroup answer, which is also what chooses the assignor: without it
        // no assignor state will be freed and destroying is safe. The id is cleared by close, so read it first.
        guard currentMemberId != nil else { return false }
        let deadline = ContinuousClock.now + Self.firstAssignmentWait
        while !bridge.hasBeenAssigned.load(ordering: .acquiring), ContinuousClock.now < deadline {
            // Messages fetched meanwhile are dropped without storing their offsets: the application never saw
            // them, and the partitions' next owner reads them from the committed offset.
            if let raw = rd_kafka_consumer_poll(handle.pointer, 50) { rd_kafka_message_destroy(raw) }
        }
        return !bridge.hasBeenAssigned.load(ordering: .acquiring)
    }

    /// Leaves the group through librdkafka's asynchronous close, serving the close queue (which carries the
    /// final revoke) until the consumer reports closed or ``leaveGroupTimeout`` passes. The blocking
    /// `rd_kafka_consumer_close` has no timeout, and librdkafka < 2.4 can stay in a rebalance state for ever
    /// when an assignment arrives during close (confluentinc/librdkafka#4527).
    /// - Returns: Whether the close completed, so destroying the handle cannot block.
    private func leaveGroup() -> Bool {
        let queue = rd_kafka_queue_new(handle.pointer)
        defer { rd_kafka_queue_destroy(queue) }
        if let error = rd_kafka_consumer_close_queue(handle.pointer, queue) {
            // Refused at once (no group.id, or a fatal error): nothing is pending, and destroy cleans up.
            let failure = KafkaError(consuming: error)
            if failure.code.rawValue != RD_KAFKA_RESP_ERR__UNKNOWN_GROUP.rawValue {
                logger.warning("consumer close: \(failure)")
            }
            return true
        }
        let deadline = ContinuousClock.now + Self.leaveGroupTimeout
        while rd_kafka_consumer_closed(handle.pointer) == 0 {
            guard ContinuousClock.now < deadline else {
                logger.error(
                    "consumer close: the group was not left within \(Self.leaveGroupTimeout); the client is left allocated")
                return false
            }
            guard let event = rd_kafka_queue_poll(queue, 100) else { continue }
            serveCloseEvent(event)
            rd_kafka_event_destroy(event)
        }
        return true
    }

    /// The close queue delivers events rather than callbacks: the final revoke goes through the bridge,
    /// failed commits are logged like the commit callback does.
    private func serveCloseEvent(_ event: OpaquePointer) {
        switch rd_kafka_event_type(event) {
        case RD_KAFKA_EVENT_REBALANCE:
            bridge.rebalance(
                handle: handle.pointer, error: rd_kafka_event_error(event),
                partitions: rd_kafka_event_topic_partition_list(event))
        case RD_KAFKA_EVENT_OFFSET_COMMIT:
            let code = rd_kafka_event_error(event)
            if code != RD_KAFKA_RESP_ERR_NO_ERROR && code != RD_KAFKA_RESP_ERR__NO_OFFSET {
                logger.warning("final commit failed: \(KafkaError(code: .init(rawValue: code.rawValue)))")
            }
        default:
            break
        }
    }
}

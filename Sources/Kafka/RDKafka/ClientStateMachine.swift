import Dispatch

/// The lifecycle of one client's librdkafka handle, as a value: which calls may still reach the handle,
/// how many are running, and when the handle may be destroyed.
///
/// Each client (producer, consumer, admin) holds one behind a lock and asks it before every call that
/// touches the handle; the machine answers with what to do (an action), and the client does it outside the
/// lock. The phases only move forward:
///
/// - `open`: every call proceeds.
/// - `closing`: close has begun; the handle is still valid, but only the close itself and calls it allows
///   (a rebalance handler committing its final offsets) proceed. Others get the closed error.
/// - `draining`: the close has finished its own work and waits for calls already running to return.
/// - `closed`: the handle is destroyed (or given up); every call gets the closed error.
///
/// The handle is destroyed once, by the close, after the machine has said the last call returned.
struct ClientStateMachine: Sendable {
    /// The client's name in errors, e.g. `consumer`.
    let client: String

    enum Phase: Sendable, Equatable {
        case open, closing, draining, closed
    }

    private(set) var phase = Phase.open
    /// Calls that have started and not yet returned.
    private(set) var callsInFlight = 0
    /// Signalled when the last call returns while draining.
    private var drained: DispatchSemaphore?
    /// Close calls waiting for another close to finish.
    private var closeWaiters: [CheckedContinuation<Void, Never>] = []

    init(client: String) { self.client = client }

    /// The error every refused call throws.
    var closedError: KafkaError { .closed(client) }

    // MARK: Calls

    /// Whether a call may proceed.
    enum StartCallAction {
        case proceed
        case refuse(KafkaError)
    }

    /// A call wants to use the handle.
    /// - Parameter duringClose: Whether the call may still run while the client is closing (calls the close
    ///   itself makes happen, such as the final rebalance handler's commit).
    mutating func startCall(duringClose: Bool = false) -> StartCallAction {
        switch phase {
        case .open:
            callsInFlight += 1
            return .proceed
        case .closing where duringClose:
            callsInFlight += 1
            return .proceed
        case .closing, .draining, .closed:
            return .refuse(closedError)
        }
    }

    /// What to do when a call returned.
    enum FinishCallAction {
        case none
        /// The close waits for this, the last call: wake it.
        case wakeClose(DispatchSemaphore)
    }

    /// A call that proceeded has returned and no longer uses the handle.
    mutating func finishCall() -> FinishCallAction {
        precondition(callsInFlight > 0, "finishCall without startCall")
        callsInFlight -= 1
        if phase == .draining, callsInFlight == 0, let drained {
            self.drained = nil
            return .wakeClose(drained)
        }
        return .none
    }

    // MARK: Close

    /// What a close call does.
    enum CloseAction {
        /// This call closes the client.
        case close
        /// Another close is running: wait for it (``waitForClose(_:)``).
        case waitForOtherClose
        /// Already closed.
        case none
    }

    /// A close was asked for.
    mutating func close() -> CloseAction {
        switch phase {
        case .open:
            phase = .closing
            return .close
        case .closing, .draining:
            return .waitForOtherClose
        case .closed:
            return .none
        }
    }

    /// Registers a close call that waits for the running close; `false` when the client closed meanwhile.
    mutating func waitForClose(_ continuation: CheckedContinuation<Void, Never>) -> Bool {
        guard phase != .closed else { return false }
        closeWaiters.append(continuation)
        return true
    }

    /// What the close does once its own work is done.
    enum DrainAction {
        /// No call is running: destroy the handle now.
        case destroy
        /// Wait for the semaphore, which the last running call signals, then destroy.
        case wait(DispatchSemaphore)
    }

    /// The close has done its own work; from now on no call proceeds.
    mutating func drain() -> DrainAction {
        precondition(phase == .closing, "drain outside a close")
        phase = .draining
        if callsInFlight == 0 { return .destroy }
        let semaphore = DispatchSemaphore(value: 0)
        drained = semaphore
        return .wait(semaphore)
    }

    /// The handle is gone.
    /// - Returns: The close calls to resume.
    mutating func closed() -> [CheckedContinuation<Void, Never>] {
        precondition(phase == .draining && callsInFlight == 0, "closed while calls may still use the handle")
        phase = .closed
        defer { closeWaiters.removeAll() }
        return closeWaiters
    }
}

extension KafkaError {
    /// The client was closed (or is closing): the error every call after `close()`/`shutdown()` throws.
    static func closed(_ client: String) -> KafkaError {
        KafkaError(code: .destroy, message: "the \(client) is closed; create a new one to continue", subject: client)
    }
}

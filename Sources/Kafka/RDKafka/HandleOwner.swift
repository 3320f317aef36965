import Dispatch

/// A client that guards its librdkafka handle with a ``ClientStateMachine``: the machine lives in the
/// client's own lock (next to its other state), and this protocol turns the machine's actions into calls.
protocol HandleOwner: AnyObject, Sendable {
    /// Runs `body` on the client's state machine under the client's lock.
    func withStateMachine<R>(_ body: (inout ClientStateMachine) -> R) -> R
}

extension HandleOwner {
    /// Runs `body`, which uses the handle, unless the client is closed; the close waits for it to return.
    func withCall<T>(duringClose: Bool = false, _ body: () throws -> T) throws -> T {
        try startCall(duringClose: duringClose)
        defer { finishCall() }
        return try body()
    }

    /// Runs the asynchronous `body`, which uses the handle, unless the client is closed; the close waits for
    /// it to return.
    func withCall<T>(duringClose: Bool = false, _ body: () async throws -> T) async throws -> T {
        try startCall(duringClose: duringClose)
        defer { finishCall() }
        return try await body()
    }

    /// Marks a call as using the handle, or throws the closed error.
    func startCall(duringClose: Bool = false) throws(KafkaError) {
        switch withStateMachine({ $0.startCall(duringClose: duringClose) }) {
        case .proceed: return
        case .refuse(let error): throw error
        }
    }

    /// Marks a call started with ``startCall(duringClose:)`` as returned.
    func finishCall() {
        switch withStateMachine({ $0.finishCall() }) {
        case .none: break
        case .wakeClose(let semaphore): semaphore.signal()
        }
    }

    /// Whether the client is still open (no close has begun).
    var isOpen: Bool { withStateMachine { $0.phase == .open } }

    /// Begins a close. Returns `true` when this caller must close the client; otherwise returns once the
    /// client is closed (at once when `waiting` is false, e.g. for a close called from inside the close).
    func beginClose(waiting: Bool = true) async -> Bool {
        switch withStateMachine({ $0.close() }) {
        case .close:
            return true
        case .none:
            return false
        case .waitForOtherClose:
            guard waiting else { return false }
            await withCheckedContinuation { continuation in
                if !withStateMachine({ $0.waitForClose(continuation) }) { continuation.resume() }
            }
            return false
        }
    }

    /// Begins a close without waiting for one already running (for `deinit`).
    func beginCloseNow() -> Bool {
        if case .close = withStateMachine({ $0.close() }) { return true }
        return false
    }

    /// Ends the close: stops new calls, blocks until the calls still running have returned, runs `destroy`,
    /// and wakes the close calls that waited. Call it off the cooperative pool, from the closing thread.
    func drainAndDestroy(_ destroy: () -> Void) {
        switch withStateMachine({ $0.drain() }) {
        case .destroy: break
        case .wait(let semaphore): semaphore.wait()
        }
        destroy()
        for waiter in withStateMachine({ $0.closed() }) { waiter.resume() }
    }
}

import Foundation

/// Threads of our own for librdkafka calls that block, so they never occupy Swift's cooperative pool or
/// Dispatch's CPU-wide worker pool (a call waiting on a down broker there starves unrelated work).
///
/// Every submitted job starts at once: an idle thread takes it, or a new thread is started. Threads that
/// stay idle for ``idleTimeout`` exit, so the pool shrinks back after a burst.
///
/// `@unchecked Sendable`: all mutable state is guarded by `condition`.
final class BlockingThreadPool: @unchecked Sendable {
    typealias Job = @Sendable () -> Void

    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var idleThreads = 0
    private let idleTimeout: TimeInterval
    private let name: String

    init(name: String, idleTimeout: Duration = .seconds(10)) {
        self.name = name
        self.idleTimeout = Double(idleTimeout.components.seconds) + Double(idleTimeout.components.attoseconds) / 1e18
    }

    /// Runs `job` on a pool thread, starting a new thread when none is idle.
    func submit(_ job: @escaping Job) {
        condition.lock()
        jobs.append(job)
        let needsThread = jobs.count > idleThreads
        if !needsThread { condition.signal() }
        condition.unlock()
        if needsThread {
            let thread = Thread { [self] in work() }
            thread.name = name
            thread.start()
        }
    }

    private func work() {
        condition.lock()
        while true {
            while jobs.isEmpty {
                idleThreads += 1
                let signalled = condition.wait(until: Date(timeIntervalSinceNow: idleTimeout))
                idleThreads -= 1
                if !signalled && jobs.isEmpty {
                    condition.unlock()
                    return
                }
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
            condition.lock()
        }
    }
}

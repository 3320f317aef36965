import Foundation
import Synchronization

/// Set by the SIGTERM/SIGINT handler; an atomic store is safe inside a signal handler.
private let shutdownRequested = Atomic<Bool>(false)

/// Turns SIGTERM and SIGINT into a flag the loops poll.
struct ShutdownSignal: Sendable {
    init() {
        for number in [SIGTERM, SIGINT] {
            signal(number) { _ in shutdownRequested.store(true, ordering: .relaxed) }
        }
    }

    var isRequested: Bool { shutdownRequested.load(ordering: .relaxed) }
}

/// The `FAIL_EVERY` test hook: every Nth record fails on every attempt, so its retries run out and the
/// dead-letter path runs. Off when `every` is 0.
struct FailureInjection: Sendable {
    var every: Int

    /// Fails when `recordNumber` (counted from 1) is a multiple of `every`.
    func check(recordNumber: Int) throws(InjectedFailure) {
        if every > 0, recordNumber % every == 0 { throw InjectedFailure(recordNumber: recordNumber, every: every) }
    }
}

/// The failure ``FailureInjection`` raises.
struct InjectedFailure: Error, CustomStringConvertible {
    var recordNumber: Int
    var every: Int
    var description: String { "injected failure of record #\(recordNumber) (FAIL_EVERY=\(every))" }
}

/// Runs librdkafka calls that block (flush, commit, close, metadata, offsets, transactions) on dedicated
/// threads, never on Swift's cooperative pool or Dispatch's workers, and resumes the caller when they return.
///
/// Each call gets a thread of its own for as long as it blocks (see ``BlockingThreadPool``), so calls
/// waiting on a down broker cannot hold up other calls. Only calls that honour their timeout belong here.
enum BlockingCalls {
    private static let pool = BlockingThreadPool(name: "kafka.blocking")

    /// Runs `body` on a blocking-call thread and returns its result.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            pool.submit { continuation.resume(with: Result { try body() }) }
        }
    }

    /// Runs a non-throwing `body` on a blocking-call thread and returns its result.
    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            pool.submit { continuation.resume(returning: body()) }
        }
    }

    /// Runs `body` on a blocking-call thread without waiting for it (teardown from a `deinit`).
    static func detach(_ body: @escaping @Sendable () -> Void) {
        pool.submit(body)
    }
}

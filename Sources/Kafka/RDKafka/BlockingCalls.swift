import Dispatch

/// Runs librdkafka calls that block (flush, commit, close, metadata, transactions) on threads that are not
/// Swift's cooperative pool, and resumes the caller when they return.
enum BlockingCalls {
    private static let queue = DispatchQueue(label: "kafka.blocking", attributes: .concurrent)

    /// Runs `body` on the blocking queue and returns its result.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }

    /// Runs a non-throwing `body` on the blocking queue and returns its result.
    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: body()) }
        }
    }
}

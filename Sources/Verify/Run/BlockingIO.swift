import Dispatch

/// Runs blocking work (file I/O, hashing, waiting on a process) on a dispatch queue instead of Swift's
/// cooperative pool, and resumes the caller with its result.
enum BlockingIO {
    private static let queue = DispatchQueue(label: "verify.blocking-io", attributes: .concurrent)

    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }

    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: body()) }
        }
    }
}

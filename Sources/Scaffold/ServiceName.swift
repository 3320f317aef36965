/// The names a service's name turns into in the generated package.
enum ServiceName {
    /// Module names of the generated package's dependencies and of the toolchain, which a service's own
    /// module must not shadow.
    static let reservedModuleNames: Set<String> = [
        "Kafka", "Logging", "Metrics", "CoreMetrics", "ServiceLifecycle", "UnixSignals", "Foundation", "Dispatch",
        "Synchronization", "Testing", "XCTest", "Swift", "Glibc", "Darwin", "Musl", "Android", "CRdKafka",
        "AsyncAlgorithms", "ConcurrencyHelpers",
    ]

    /// Whether `name` is lowercase words of letters and digits joined by single hyphens, starting with a
    /// letter, at most 64 characters: usable as a package, executable and file name everywhere.
    static func isValid(_ name: String) -> Bool {
        guard (1...64).contains(name.count), let first = name.unicodeScalars.first, ("a"..."z").contains(first) else {
            return false
        }
        return name.split(separator: "-", omittingEmptySubsequences: false).allSatisfy { word in
            !word.isEmpty && word.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        }
    }

    /// The Swift module name: each word capitalised, hyphens dropped (`order-events-worker` →
    /// `OrderEventsWorker`).
    static func moduleName(for name: String) -> String {
        name.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}

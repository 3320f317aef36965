import SchemaRegistry
import Avro
import Logging
import Synchronization

/// The registry's state and its topic together: reads come from memory, and every change is written to the topic
/// first and applied only once Kafka has acknowledged it, so memory never holds what the topic would not give back
/// after a restart.
final class SchemaStore: Sendable {
    private let log: SchemasTopicLog
    private let state: Mutex<RegistryState>
    private let writes = AsyncSerialLock()
    private let logger: Logger

    /// Rebuilds the state from the topic's records.
    init(log: SchemasTopicLog, records: [SchemasTopicRecord], defaultLevel: CompatibilityLevel, logger: Logger) {
        var rebuilt = RegistryState(defaultLevel: defaultLevel)
        for record in records {
            if let note = rebuilt.apply(record) {
                logger.warning("skipped a registry record: \(note)", metadata: ["topic": "\(log.topic)"])
            }
        }
        self.log = log
        state = Mutex(rebuilt)
        self.logger = logger
    }

    /// Reads a snapshot of the state; the copy is cheap (its storage is shared until written), and compatibility
    /// checks on it do not hold up other requests.
    func read<T>(_ body: (RegistryState) throws(RegistryFailure) -> T) throws(RegistryFailure) -> T {
        let snapshot = state.withLock { $0 }
        return try body(snapshot)
    }

    /// Registers a schema under a subject, returning its id; an existing version answers without a write.
    func register(_ schema: AvroSchema, text: String, subject: String, normalize: Bool) async throws(RegistryFailure) -> Int {
        try await writes.withLock { () async throws(RegistryFailure) -> Int in
            let plan = try read { state throws(RegistryFailure) in
                try state.planRegistration(of: schema, text: text, subject: subject, normalize: normalize)
            }
            switch plan {
            case let .existing(id):
                return id
            case let .new(record, id):
                try await commit(record)
                logger.info("registered a schema", metadata: ["subject": "\(subject)", "id": "\(id)"])
                return id
            }
        }
    }

    /// Plans changes from the current state and writes them in order, under the write lock; returns the
    /// plan's answer once every record is acknowledged.
    func change<T: Sendable>(
        _ plan: @Sendable (RegistryState) throws(RegistryFailure) -> ([SchemasTopicRecord], T)
    ) async throws(RegistryFailure) -> T {
        try await writes.withLock { () async throws(RegistryFailure) -> T in
            let (records, answer) = try read(plan)
            for record in records { try await commit(record) }
            return answer
        }
    }

    /// Sets the compatibility level of a subject, or the global one.
    func setLevel(_ level: CompatibilityLevel, subject: String?) async throws(RegistryFailure) {
        try await writes.withLock { () async throws(RegistryFailure) in
            try await commit(.config(subject: subject, level: level.rawValue))
        }
    }

    /// Stops writing; the topic's producer delivers what it holds.
    func close() async {
        await log.close()
    }

    private func commit(_ record: SchemasTopicRecord) async throws(RegistryFailure) {
        do {
            try await log.append(record)
        } catch {
            throw .storeError(error.description)
        }
        // A record planned from this state always applies, so there is no note to report.
        _ = state.withLock { $0.apply(record) }
    }
}

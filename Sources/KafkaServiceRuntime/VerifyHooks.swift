/// The test hooks `kafka-skill verify` and the generated tests switch on by environment; all are off unless
/// set. They act in the runtime (``RecordRetries``, ``IdleWatch``, ``MessageSource``), never in a service's
/// business code.
///
/// | Variable | Default | Meaning |
/// | --- | --- | --- |
/// | `FAIL_EVERY` | 0: off | every Nth record fails on every attempt, so its retries run out |
/// | `EXIT_AFTER_IDLE_MS` | 0: off | once partitions are assigned, stop after this long without a record |
/// | `PRODUCE_COUNT` | 0: off | a producer sends this many synthetic messages instead of standard input |
/// | `PRODUCE_START` | 0 | the first synthetic value |
/// | `PRODUCE_INTERVAL_MS` | 0 | the pause between synthetic messages |
/// | `KEY_COUNT` | 10 | synthetic messages use keys `key-0` … `key-(KEY_COUNT-1)` |
public struct VerifyHooks: Sendable, Hashable {
    /// `FAIL_EVERY`: every Nth record fails on every attempt; 0 is off.
    public var failEvery = 0
    /// `EXIT_AFTER_IDLE_MS`: stop after this long without activity; `nil` runs until stopped.
    public var exitAfterIdle: Duration?
    /// `PRODUCE_COUNT`: synthetic messages to send; 0 sends standard input's lines.
    public var produceCount = 0
    /// `PRODUCE_START`: the first synthetic value.
    public var produceStart = 0
    /// `PRODUCE_INTERVAL_MS`: the pause between synthetic messages.
    public var produceInterval = Duration.zero
    /// `KEY_COUNT`: how many distinct synthetic keys.
    public var keyCount = 10

    /// All hooks off.
    public init() {}

    /// Reads the hooks' variables.
    /// - Throws: ``ServiceRuntimeError`` naming the first variable with an unusable value.
    public init(reading reader: EnvironmentReader) throws(ServiceRuntimeError) {
        failEvery = try reader.int("FAIL_EVERY", default: 0, in: 0...Int(Int32.max))
        let idleMs = try reader.int("EXIT_AFTER_IDLE_MS", default: 0, in: 0...Int(Int32.max))
        exitAfterIdle = idleMs > 0 ? .milliseconds(idleMs) : nil
        produceCount = try reader.int("PRODUCE_COUNT", default: 0, in: 0...Int(Int32.max))
        produceStart = try reader.int("PRODUCE_START", default: 0, in: 0...Int(Int64.max / 2))
        produceInterval = try reader.milliseconds("PRODUCE_INTERVAL_MS", default: 0, in: 0...3_600_000)
        keyCount = try reader.int("KEY_COUNT", default: 10, in: 1...1_000_000)
    }
}

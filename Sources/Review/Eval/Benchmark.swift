public import Foundation

/// The result of an eval run, written as `benchmark.json` and `benchmark.md`.
///
/// `benchmark.json` holds, per task, both arms (`with_skill`, `without_skill`), each with every run's
/// grades (`expectations: [{text, passed, evidence, graded_by}]`), pass rate, tokens and seconds, and the
/// mean and standard deviation over runs; and the trigger set's confusion counts, precision and recall.
public struct Benchmark: Sendable, Equatable, Encodable {
    /// `anthropic` or `openai`.
    public var provider: String
    /// The model asked.
    public var model: String
    /// Runs per task and per trigger query.
    public var runs: Int
    /// One result per task, in file order.
    public var tasks: [TaskResult]
    /// The trigger set's result, when there is a trigger set.
    public var trigger: Trigger?

    enum CodingKeys: String, CodingKey { case provider, model, runs, tasks, trigger }

    /// One task's two arms.
    public struct TaskResult: Sendable, Equatable, Encodable {
        /// The task id.
        public var id: Int
        /// The prompt.
        public var prompt: String
        /// Runs with the skill in the system prompt.
        public var withSkill: Arm
        /// Runs without it.
        public var withoutSkill: Arm

        enum CodingKeys: String, CodingKey {
            case id, prompt
            case withSkill = "with_skill"
            case withoutSkill = "without_skill"
        }
    }

    /// The runs of one task under one configuration.
    public struct Arm: Sendable, Equatable, Encodable {
        /// Every run.
        public var attempts: [Attempt] = []

        mutating func add(_ attempt: Attempt) { attempts.append(attempt) }

        /// Each run's share of passed expectations.
        public var passRates: [Double] { attempts.map(\.passRate) }
        /// The mean pass rate.
        public var mean: Double { Benchmark.mean(passRates) }
        /// The sample standard deviation of the pass rate (0 for one run).
        public var spread: Double { Benchmark.standardDeviation(passRates) }
        /// The mean tokens (input plus output) per run.
        public var meanTokens: Double { Benchmark.mean(attempts.map { Double($0.inputTokens + $0.outputTokens) }) }
        /// The mean seconds per run.
        public var meanSeconds: Double { Benchmark.mean(attempts.map(\.seconds)) }

        enum CodingKeys: String, CodingKey {
            case attempts, mean, spread
            case passRates = "pass_rates"
            case meanTokens = "mean_tokens"
            case meanSeconds = "mean_seconds"
        }

        /// Encodes the runs and their statistics.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(attempts, forKey: .attempts)
            try container.encode(passRates, forKey: .passRates)
            try container.encode(mean, forKey: .mean)
            try container.encode(spread, forKey: .spread)
            try container.encode(meanTokens, forKey: .meanTokens)
            try container.encode(meanSeconds, forKey: .meanSeconds)
        }
    }

    /// One answer and its grades.
    public struct Attempt: Sendable, Equatable, Encodable {
        /// One grade per expectation.
        public var grades: [Grade]
        /// Input tokens of the answer and its grading.
        public var inputTokens: Int
        /// Output tokens of the answer and its grading.
        public var outputTokens: Int
        /// Wall-clock seconds of the answer and its grading.
        public var seconds: Double

        /// The share of expectations passed.
        public var passRate: Double { grades.isEmpty ? 0 : Double(grades.filter(\.passed).count) / Double(grades.count) }

        enum CodingKeys: String, CodingKey {
            case seconds
            case grades = "expectations"
            case inputTokens = "input_tokens"
            case outputTokens = "output_tokens"
        }
    }

    /// One expectation's grade.
    public struct Grade: Sendable, Equatable, Encodable {
        /// The expectation.
        public var text: String
        /// Whether the answer met it.
        public var passed: Bool
        /// What in the answer shows it, or what is missing.
        public var evidence: String
        /// `check` (deterministic) or `model` (the grading model).
        public var gradedBy: String

        enum CodingKeys: String, CodingKey {
            case text, passed, evidence
            case gradedBy = "graded_by"
        }
    }

    /// The trigger set's confusion counts over every query and run.
    public struct Trigger: Sendable, Equatable, Encodable {
        /// Loaded when it should have been.
        public var truePositives = 0
        /// Loaded when it should not have been.
        public var falsePositives = 0
        /// Not loaded when it should have been.
        public var falseNegatives = 0
        /// Not loaded, rightly.
        public var trueNegatives = 0

        mutating func record(expected: Bool, loaded: Bool) {
            switch (expected, loaded) {
            case (true, true): truePositives += 1
            case (false, true): falsePositives += 1
            case (true, false): falseNegatives += 1
            case (false, false): trueNegatives += 1
            }
        }

        /// Of the times the skill was loaded, the share it should have been; nil when it never was.
        public var precision: Double? {
            let loaded = truePositives + falsePositives
            return loaded == 0 ? nil : Double(truePositives) / Double(loaded)
        }

        /// Of the times it should have been loaded, the share it was; nil when it never should have been.
        public var recall: Double? {
            let expected = truePositives + falseNegatives
            return expected == 0 ? nil : Double(truePositives) / Double(expected)
        }

        enum CodingKeys: String, CodingKey {
            case precision, recall
            case truePositives = "true_positives"
            case falsePositives = "false_positives"
            case falseNegatives = "false_negatives"
            case trueNegatives = "true_negatives"
        }

        /// Encodes the counts, precision and recall (null when undefined).
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(truePositives, forKey: .truePositives)
            try container.encode(falsePositives, forKey: .falsePositives)
            try container.encode(falseNegatives, forKey: .falseNegatives)
            try container.encode(trueNegatives, forKey: .trueNegatives)
            try container.encode(precision, forKey: .precision)
            try container.encode(recall, forKey: .recall)
        }
    }

    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    static func standardDeviation(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        let average = mean(values)
        return (values.map { ($0 - average) * ($0 - average) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
    }

    /// Writes `benchmark.json` and `benchmark.md` into `directory` (created if needed), each atomically.
    /// - Throws: ``ReviewError/writeFailed(path:reason:)``.
    public func write(to directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try AtomicFile.write(try json(), to: directory.appendingPathComponent("benchmark.json"))
            try AtomicFile.write(Data(markdown().utf8), to: directory.appendingPathComponent("benchmark.md"))
        } catch let error as ReviewError {
            throw error
        } catch {
            throw ReviewError.writeFailed(path: directory.path, reason: error.localizedDescription)
        }
    }

    /// `benchmark.json`, pretty-printed with sorted keys.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    /// `benchmark.md`: the per-task table and the trigger line.
    public func markdown() -> String {
        func rate(_ value: Double) -> String { String(format: "%.0f%%", value * 100) }
        func spread(_ value: Double) -> String { String(format: "±%.0f", value * 100) }
        var lines = [
            "# kafka-events eval: \(provider) \(model), \(runs) run(s) per task", "",
            "| Task | With skill | Without skill | Delta | Tokens with / without | Seconds with / without |",
            "|---|---|---|---|---|---|",
        ]
        for task in tasks {
            let with = task.withSkill
            let without = task.withoutSkill
            lines.append("| \(task.id) | \(rate(with.mean)) \(spread(with.spread)) | \(rate(without.mean)) \(spread(without.spread)) | \(String(format: "%+.0f", (with.mean - without.mean) * 100)) | \(Int(with.meanTokens)) / \(Int(without.meanTokens)) | \(String(format: "%.1f / %.1f", with.meanSeconds, without.meanSeconds)) |")
        }
        let allWith = Benchmark.mean(tasks.map(\.withSkill.mean))
        let allWithout = Benchmark.mean(tasks.map(\.withoutSkill.mean))
        lines.append("| all | \(rate(allWith)) | \(rate(allWithout)) | \(String(format: "%+.0f", (allWith - allWithout) * 100)) | | |")
        if let trigger {
            lines += ["", "Trigger set: precision \(trigger.precision.map(rate) ?? "n/a"), recall \(trigger.recall.map(rate) ?? "n/a") (\(trigger.truePositives) TP, \(trigger.falsePositives) FP, \(trigger.falseNegatives) FN, \(trigger.trueNegatives) TN)."]
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

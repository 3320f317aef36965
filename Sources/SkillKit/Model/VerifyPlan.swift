public import KafkaSkillModel
/// How `kafka-skill verify` proves a lesson.
public struct VerifyPlan: Sendable, Equatable {
    /// Whether the lesson is proved by running examples or is a concept-only lesson.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// Build and run the examples under the faults, then check the assertions.
        case run
        /// Nothing to run: the lesson teaches concepts only.
        case concept
    }

    /// Whether anything is run.
    public var kind: Kind
    /// The examples (folders under `examples/`) to build and run.
    public var examples: [String]
    /// The fault scenarios to inject.
    public var faults: [FaultScenarioName]
    /// The history assertions that must hold.
    public var assertions: [DeliveryAssertion]
    /// What the plan cannot prove on the embedded cluster, or other remarks.
    public var notes: String?
    /// Breaking schema changes the schema registry must refuse (`refusedSchemas:`).
    public var refusedSchemas: [RefusedSchema]
    /// Where the plan is defined.
    public var location: SourceLocation

    /// A breaking schema offered to a subject, which the registry must refuse.
    public struct RefusedSchema: Sendable, Equatable {
        /// The `.avsc` file, relative to the project root.
        public var file: String
        /// The registry subject it is offered to.
        public var subject: String

        /// Creates an entry.
        public init(file: String, subject: String) {
            self.file = file
            self.subject = subject
        }
    }

    /// Creates a verify plan.
    public init(
        kind: Kind, examples: [String], faults: [FaultScenarioName], assertions: [DeliveryAssertion], notes: String?,
        refusedSchemas: [RefusedSchema] = [], location: SourceLocation
    ) {
        self.kind = kind
        self.examples = examples
        self.faults = faults
        self.assertions = assertions
        self.notes = notes
        self.refusedSchemas = refusedSchemas
        self.location = location
    }
}

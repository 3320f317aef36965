public import KafkaSkillModel
/// What `verify` needs from one lesson spec: who the lesson is, its verify plan, and for concept lessons the
/// parts the spec checks look at (topic, reflection questions, code references).
public struct LessonPlan: Sendable, Hashable, Codable, Identifiable {
    /// How the lesson is proved.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Build and run the named examples under the faults, then check the assertions.
        case run
        /// Nothing to run: the spec checks prove the lesson is fully in the skill.
        case concept
    }

    /// A closing question with the answer the skill must give.
    public struct Reflection: Sendable, Hashable, Codable {
        /// The question.
        public var question: String
        /// The expected answer.
        public var answer: String

        /// Creates a reflection question.
        public init(question: String, answer: String) {
            self.question = question
            self.answer = answer
        }
    }

    /// A region of a file under `examples/` that the skill shows.
    public struct CodeReference: Sendable, Hashable, Codable {
        /// The path relative to the project root.
        public var file: String
        /// The region name after `region:`.
        public var region: String
        /// Where the reference is written in the spec.
        public var location: SourceLocation

        /// Creates a code reference.
        public init(file: String, region: String, location: SourceLocation) {
            self.file = file
            self.region = region
            self.location = location
        }
    }

    /// A schema the lesson shows the registry refusing: a breaking change to a subject its examples use.
    public struct RefusedSchema: Sendable, Hashable, Codable {
        /// The `.avsc` file, relative to the project root.
        public var file: String
        /// The subject it is offered to.
        public var subject: String
        /// Where the entry is written in the spec.
        public var location: SourceLocation

        /// Creates a refused-schema entry.
        public init(file: String, subject: String, location: SourceLocation) {
            self.file = file
            self.subject = subject
            self.location = location
        }
    }

    /// The lesson number (1…).
    public var number: Int
    /// The lesson id (the slug).
    public var id: String
    /// The title.
    public var title: String
    /// The skill topic whose reference page holds the lesson.
    public var topic: String
    /// Run or concept.
    public var kind: Kind
    /// The examples (folders under `examples/`) to build and run.
    public var examples: [String]
    /// The fault scenarios to inject.
    public var faults: [FaultScenario]
    /// The claims checked over the history.
    public var assertions: [DeliveryAssertion]
    /// Remarks from the spec.
    public var notes: String?
    /// Breaking schema changes the registry must refuse once the examples' schemas are registered.
    public var refusedSchemas: [RefusedSchema]
    /// Reflection questions, which the skill must answer.
    public var reflection: [Reflection]
    /// Code regions the skill shows.
    public var code: [CodeReference]
    /// Where the `verify:` section is.
    public var location: SourceLocation

    /// Creates a plan.
    public init(
        number: Int, id: String, title: String, topic: String, kind: Kind, examples: [String] = [],
        faults: [FaultScenario] = [], assertions: [DeliveryAssertion] = [], notes: String? = nil,
        refusedSchemas: [RefusedSchema] = [], reflection: [Reflection] = [], code: [CodeReference] = [], location: SourceLocation
    ) {
        self.number = number
        self.id = id
        self.title = title
        self.topic = topic
        self.kind = kind
        self.examples = examples
        self.faults = faults
        self.assertions = assertions
        self.notes = notes
        self.refusedSchemas = refusedSchemas
        self.reflection = reflection
        self.code = code
        self.location = location
    }

    /// Whether the plan involves transactions (a transactional fault), whose exactly-once claims the embedded
    /// cluster cannot prove.
    public var usesTransactions: Bool {
        faults.contains { $0 == .transactionAbort || $0 == .transactionalFencing }
    }
}

/// The parts of the chapter, in the order of its progression table.
public enum LessonPart: String, Sendable, Equatable, CaseIterable {
    /// Lesson 1: building the skill itself.
    case buildYourSkill = "build-your-skill"
    /// Lessons 2-4: why events, EDA patterns, the Kafka mental model.
    case edaFoundations = "eda-foundations"
    /// Lessons 5-9: Strimzi deployment, producers, consumers and groups.
    case kafkaCore = "kafka-core"
    /// Lessons 10-14: async services, schemas, delivery semantics, transactions.
    case productionPatterns = "production-patterns"
    /// Lessons 15-18: Connect, CDC with Debezium, agent events, sagas.
    case advancedPatterns = "advanced-patterns"
    /// Lessons 19-20: production Strimzi, monitoring and debugging.
    case operations
    /// Lesson 21: authoring and tuning Kafka code with AI assistants.
    case aiAssistedDevelopment = "ai-assisted-development"
    /// Lesson 22: the notification pipeline capstone.
    case capstone

    /// The part's heading as the chapter prints it.
    public var title: String {
        switch self {
        case .buildYourSkill: return "Build Your Kafka Skill"
        case .edaFoundations: return "EDA Foundations"
        case .kafkaCore: return "Kafka Core"
        case .productionPatterns: return "Production Patterns"
        case .advancedPatterns: return "Advanced Patterns"
        case .operations: return "Operations"
        case .aiAssistedDevelopment: return "AI-Assisted Development"
        case .capstone: return "Capstone: Event Notifications"
        }
    }
}

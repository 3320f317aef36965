/// A service to scaffold: what it is called, what it does with which topics, and how it behaves.
///
/// Load one from YAML with ``ServiceSpecLoader`` or from an AsyncAPI 3 document with ``AsyncAPIImporter``;
/// both check it with the same rules.
public struct ServiceSpec: Sendable, Hashable {
    /// The service's name: lowercase words joined by hyphens, e.g. `order-events-worker`.
    public var name: String
    /// What the service is for, in a sentence (shown in the README).
    public var description: String?
    /// What the service does with Kafka.
    public var role: ServiceRole
    /// The topics it reads and writes.
    public var topics: [TopicSpec]
    /// The shape of its messages.
    public var messages: MessageSpec
    /// The delivery guarantee, which selects the client presets.
    public var delivery: DeliveryGuarantee
    /// The consumer group, for consumers and processors.
    public var group: String?
    /// Retries and the dead-letter topic.
    public var errorHandling: ErrorHandlingSpec
    /// Logging and metrics.
    public var observability: ObservabilitySpec

    /// Creates a spec.
    public init(
        name: String, description: String? = nil, role: ServiceRole, topics: [TopicSpec],
        messages: MessageSpec = MessageSpec(), delivery: DeliveryGuarantee, group: String? = nil,
        errorHandling: ErrorHandlingSpec = ErrorHandlingSpec(), observability: ObservabilitySpec = ObservabilitySpec()
    ) {
        self.name = name
        self.description = description
        self.role = role
        self.topics = topics
        self.messages = messages
        self.delivery = delivery
        self.group = group
        self.errorHandling = errorHandling
        self.observability = observability
    }

    /// The topics the service reads.
    public var inputTopics: [TopicSpec] { topics.filter { $0.direction == .input } }

    /// The topics the service writes, other than the dead-letter topic.
    public var outputTopics: [TopicSpec] {
        topics.filter { $0.direction == .output && $0.name != errorHandling.deadLetterTopic }
    }
}

/// What a consumer or processor does when processing a record fails.
public struct ErrorHandlingSpec: Sendable, Hashable {
    /// Retries after the first failure; `nil` takes the template's default.
    public var retries: Int?
    /// The first wait between retries in milliseconds (it doubles each time); `nil` takes the template's default.
    public var backoffMs: Int?
    /// Where records go that fail every retry; without one, such a record stops the service.
    public var deadLetterTopic: String?

    /// Creates error handling settings.
    public init(retries: Int? = nil, backoffMs: Int? = nil, deadLetterTopic: String? = nil) {
        self.retries = retries
        self.backoffMs = backoffMs
        self.deadLetterTopic = deadLetterTopic
    }
}

/// How the service reports what it does.
public struct ObservabilitySpec: Sendable, Hashable {
    /// The default log level (`LOG_LEVEL` overrides it); `nil` takes the template's default.
    public var logLevel: String?
    /// Whether the service counts its messages with swift-metrics; `nil` takes the template's default.
    public var metrics: Bool?

    /// Creates observability settings.
    public init(logLevel: String? = nil, metrics: Bool? = nil) {
        self.logLevel = logLevel
        self.metrics = metrics
    }
}

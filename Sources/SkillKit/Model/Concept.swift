/// A term and its precise explanation.
public struct Concept: Sendable, Equatable {
    /// The term as it is written in code or docs.
    public var term: String
    /// What the term means, precisely.
    public var explanation: String

    /// Creates a concept.
    public init(term: String, explanation: String) {
        self.term = term
        self.explanation = explanation
    }
}

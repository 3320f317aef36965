/// A question that closes a lesson, with the answer a reader (or an assistant) should reach.
public struct ReflectionQuestion: Sendable, Equatable {
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

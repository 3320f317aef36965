/// A concrete fact that defies assumptions.
public struct Gotcha: Sendable, Equatable {
    /// The fact, in one or two sentences.
    public var text: String
    /// Whether the gotcha is also listed in `SKILL.md` (it always appears in its reference file).
    public var headline: Bool

    /// Creates a gotcha.
    public init(text: String, headline: Bool) {
        self.text = text
        self.headline = headline
    }
}

/// A concrete fact that defies assumptions.
public struct Gotcha: Sendable, Equatable {
    /// The fact, in one or two sentences.
    public var text: String
    /// Whether the gotcha is also listed in `SKILL.md` (it always appears in its reference file).
    public var headline: Bool
    /// The primary source the fact rests on (a documentation page, KIP or file at a version), if recorded.
    public var source: String?
    /// What missing the fact costs; pages list gotchas by it, costliest first. Default: medium.
    public var cost: GotchaCost = .medium

    /// Creates a gotcha.
    public init(text: String, headline: Bool, source: String? = nil) {
        self.text = text
        self.headline = headline
        self.source = source
    }
}

/// What missing a gotcha costs, the order in which pages list gotchas.
public enum GotchaCost: String, Sendable, Equatable, CaseIterable, Comparable {
    /// Data loss, duplicates, an outage or a crash.
    case high
    /// Wrong behaviour that shows up in testing or as lag.
    case medium
    /// Wasted effort or confusion.
    case low

    /// Costlier first.
    public static func < (lhs: GotchaCost, rhs: GotchaCost) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
